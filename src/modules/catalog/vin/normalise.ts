// Turns a VIN as people type or paste it into the canonical 17-character form that the rest of
// the decoder checks. It only removes noise; it never repairs characters (an O is not turned into
// a 0), because a silent repair could match the wrong vehicle and the wrong parts.

// Chinese input methods produce full-width letters, digits and spaces (ＬＦＶ１…), so NFKC
// folds them to ASCII first. Dashes come in several Unicode forms when copied from documents.
const NOISE = /[\s\-\u2010-\u2015]/gu;

export function normaliseVin(input: string): string {
  return input.normalize('NFKC').trim().replace(NOISE, '').toUpperCase();
}
