import type { FastifyInstance } from 'fastify';
import { demoLogins, DEMO_PASSWORD } from './seed/demo-data.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// While the console is not built (src/console.ts), `/` says what anpei is and links the API docs;
// in demo mode it lists the demo logins and their password too. In production mode nothing of the
// demo is shown.
export function homePage(app: FastifyInstance): void {
  const html = page(app.services.config.env === 'demo' ? demoSection() : productionSection());
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
}

function demoSection(): string {
  const rows = demoLogins()
    .map((l) => `<tr><td>${escapeHtml(l.org)}</td><td>${escapeHtml(l.kind)}</td><td><code>${escapeHtml(l.email)}</code></td><td>${escapeHtml(l.roles.join(', '))}</td></tr>`)
    .join('\n');
  return `<h2>演示账号 Demo logins</h2>
<p>所有演示账号的密码 / every demo password: <code>${DEMO_PASSWORD}</code></p>
<p><code>curl -X POST http://127.0.0.1:3000/api/v1/auth/login -H 'content-type: application/json' -d '{"email":"admin@anpei.demo","password":"${DEMO_PASSWORD}"}'</code></p>
<table><thead><tr><th>机构 Organisation</th><th>类型 Kind</th><th>邮箱 Email</th><th>角色 Roles</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

function productionSection(): string {
  return `<h2>登录 Sign in</h2>
<p>请使用管理员为您开设的账号登录（<code>POST /api/v1/auth/login</code>）。 / Sign in with the account your administrator created for you (<code>POST /api/v1/auth/login</code>).</p>`;
}

function page(section: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>安配 anpei</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,"WenQuanYi Micro Hei",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}code{background:#f3f3f3;padding:0 .2rem}</style></head>
<body>
<h1>安配 anpei</h1>
<p>保险公司主导的事故车配件平台：定损单变成定价、分级、可追溯的配件订单，由平台仓配到修理厂，并与各方结算（含供应链金融）。</p>
<p>An insurer-driven B2b platform for accident-vehicle parts: the insurer's damage assessment becomes a priced, graded, traceable parts order, stocked and delivered by the platform and settled with every party.</p>
<p>控制台尚未构建，<code>npm start</code> 启动时会自动构建。 / The console is not built yet; <code>npm start</code> builds it.</p>
<p><a href="/api/docs">API 文档 / API docs</a> · <a href="/api/openapi.json">OpenAPI 3</a> · <a href="/api/health">health</a></p>
${section}
</body></html>`;
}
