import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { format, type Locale } from '../platform/i18n.ts';
import { describeError } from '../platform/log.ts';
import { fieldCatalog, problemCatalog } from '../platform/messages.ts';
import { fieldErrorsFromZod } from '../platform/problem.ts';

// CLI input is validated by the same zod schemas as the API; this prints the same reasons, in the
// operator's language, instead of a stack trace. Any other error is a bug or an outage: it is
// described as the log would keep it (log.ts), since Node's own report of an uncaught error prints
// every field, and a failed query's fields are its parameters, password hashes included.
export function explainError(error: unknown, locale: Locale): string | undefined {
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((i) => ({ keyword: i.code, instancePath: `/${i.path.join('/')}`, message: i.message, params: { ...i } }));
    return fieldErrorsFromZod(issues, 'body')
      .map((e) => `  --${e.path}: ${format(fieldCatalog[e.code][locale], e.params ?? {})}`)
      .join('\n');
  }
  if (error instanceof AppError) {
    const entry = problemCatalog[error.code];
    const lines = [`${entry.title[locale]}: ${format(entry.detail[locale], error.params)}`];
    for (const e of error.errors) lines.push(`  --${e.path}: ${format(fieldCatalog[e.code][locale], e.params ?? {})}`);
    return lines.join('\n');
  }
  if (error === undefined) return undefined;
  return `${locale === 'en' ? 'Unexpected error' : '意外错误'}: ${describeError(error)}`;
}
