#!/usr/bin/env node
// The anpei CLI. TypeScript runs directly through tsx's loader: no build step between a change and
// `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
