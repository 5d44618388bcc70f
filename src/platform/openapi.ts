// The OpenAPI security requirement of every signed-in route: a bearer token or API key, or the
// console's session cookie.
export const secured: Record<string, string[]>[] = [{ bearerAuth: [] }, { cookieAuth: [] }];
