// How long after signing for a line the shop may still send it back (the server's
// RETURN_WINDOW_DAYS, src/modules/orders/returns/open-return.ts; the server decides, this only
// says it beforehand).
export const RETURN_WINDOW_DAYS = 30;
