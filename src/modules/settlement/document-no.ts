// A settlement document's number as people quote it: its kind (ST statement, PM payment, PO payout,
// FR financing request, RF refund), its China day without dashes, and the end of its id, upper-case
// (ST20261206A1B2C3D4): short enough to read out, unique with the id.
export function documentNo(kind: 'ST' | 'PM' | 'PO' | 'FR' | 'RF', day: string, id: string): string {
  return `${kind}${day.replaceAll('-', '')}${id.replaceAll('-', '').slice(-8).toUpperCase()}`;
}
