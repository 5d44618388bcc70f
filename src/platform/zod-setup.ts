import { z } from 'zod';

// Zod drops the offending input from its issues before they reach the HTTP edge, so "missing" and
// "wrong type" would look alike there. This global error map marks a missing value with our
// `required` field code while the input is still known; everything else keeps zod's default.
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return 'required';
    return undefined;
  },
});
