// The identity module's public surface: organisations, users, sessions, API keys.
export { identityRoutes } from './routes.ts';
export { registerAuthentication, SESSION_COOKIE } from './authenticate.ts';
export { demoLoginRoutes } from './demo-logins.ts';
export { hashPassword } from './passwords.ts';
export { usccCheckCharacter, validateUscc } from './uscc.ts';
export { org, appUser, apiKey } from './tables.ts';
export { onePerson, peopleBehind, samePerson } from './person-behind.ts';
