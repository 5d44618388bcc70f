import { ApiProblem } from '../../api/client.ts';
import type { ApiBody } from '../../api/types.ts';
import type { AssessmentLine, Category } from './api.ts';

// The editor's form holds one FormLine per assessment line. The API keeps a line as a part (by
// catalog id) or a free-text item (a name, maybe an OE number the catalog lacks), with quantity,
// replace/repair, labour hours and photos. It has no remark of its own: a remark travels inside the
// line's description as `name（remark）`, which is also how a 定损单 writes it, and is read back
// the same way.

export type LinesBody = ApiBody<'/api/v1/assessments/{id}', 'put'>;
export type LineBody = LinesBody['lines'][number];

export type FormLine = {
  partId?: string;
  // The part's Chinese name, or the free-text item's name.
  name: string;
  // A free-text item's OE number as typed (a part line shows the catalog's).
  oeNo?: string;
  quantity: number;
  operation: 'replace' | 'repair';
  labourHours: number;
  photoUrls: string[];
  remark?: string;
};

// What the editor shows of a catalog part beside its line.
export type PartFacts = { oeNo: string; nameZh: string; category: Category; oePriceFen: number };

const withRemark = /^(.+?)（([^（）]*)）$/u;

export function splitDescription(description: string): { name: string; remark?: string } {
  const m = withRemark.exec(description);
  return m?.[1] && m[2] ? { name: m[1], remark: m[2] } : { name: description };
}

export function toFormLine(line: AssessmentLine): FormLine {
  const { name, remark } = splitDescription(line.description);
  return {
    partId: line.partId ?? undefined,
    name,
    oeNo: line.partId ? undefined : (line.oeNo ?? undefined),
    quantity: line.quantity,
    operation: line.operation,
    labourHours: line.labourHours,
    photoUrls: line.photoUrls,
    remark,
  };
}

export function partLine(part: PartFacts & { id: string }): FormLine {
  return { partId: part.id, name: part.nameZh, quantity: 1, operation: 'replace', labourHours: 0, photoUrls: [] };
}

export function freeLine(): FormLine {
  return { name: '', quantity: 1, operation: 'repair', labourHours: 0, photoUrls: [] };
}

export function toLineBody(line: FormLine): LineBody {
  const remark = line.remark?.trim();
  const name = (line.name ?? '').trim();
  const described = remark ? `${name}（${remark}）` : undefined;
  const common = { quantity: line.quantity, operation: line.operation, labourHours: line.labourHours, photoUrls: line.photoUrls ?? [] };
  if (line.partId) return { partId: line.partId, ...(described ? { description: described } : {}), ...common };
  const oeNo = line.oeNo?.trim();
  return { ...(oeNo ? { oeNo } : {}), description: described ?? name, ...common };
}

// The API names a line's fields as it received them (`lines.2.description`); the form shows some
// of them elsewhere: a part line's description is its remark, a free-text line's is its name, a
// photo's error goes on the photos, a part id's on the part.
export function onFormFields(error: unknown, lines: FormLine[]): unknown {
  if (!(error instanceof ApiProblem) || !error.problem.errors) return error;
  const errors = error.problem.errors.map((e) => {
    const m = /^lines\.(\d+)\.([A-Za-z]+)(?:\.\d+)?$/.exec(e.path);
    if (!m) return e;
    const index = Number(m[1]);
    const isPart = !!lines[index]?.partId;
    const field = m[2] === 'description' ? (isPart ? 'remark' : 'name') : m[2] === 'partId' ? 'name' : m[2];
    return { ...e, path: `lines.${index}.${field}` };
  });
  return new ApiProblem({ ...error.problem, errors });
}

export const lineFields = ['name', 'oeNo', 'quantity', 'operation', 'labourHours', 'photoUrls', 'remark'];

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}
