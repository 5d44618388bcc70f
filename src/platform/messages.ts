import type { Text } from './i18n.ts';

// Every problem the API can answer, with its HTTP status and its title and detail in both
// languages. A code is part of the API contract: clients branch on `code`, people read `detail`.
export const problemCatalog = {
  validation_failed: {
    status: 400,
    title: { 'zh-CN': '请求参数有误', en: 'Invalid request' },
    detail: { 'zh-CN': '请求中有 {count} 处错误，请修改后重试。', en: 'The request has {count} error(s); correct them and retry.' },
  },
  malformed_json: {
    status: 400,
    title: { 'zh-CN': 'JSON 格式错误', en: 'Malformed JSON' },
    detail: { 'zh-CN': '请求体不是合法的 JSON。', en: 'The request body is not valid JSON.' },
  },
  body_too_large: {
    status: 413,
    title: { 'zh-CN': '请求体过大', en: 'Request body too large' },
    detail: { 'zh-CN': '请求体不能超过 {limitBytes} 字节。', en: 'The request body must not exceed {limitBytes} bytes.' },
  },
  unsupported_media_type: {
    status: 415,
    title: { 'zh-CN': '不支持的内容类型', en: 'Unsupported media type' },
    detail: { 'zh-CN': '请以 {expected} 发送请求体。', en: 'Send the request body as {expected}.' },
  },
  // What the HTTP layer refuses before any route runs (issue 9): each in the caller's language too.
  json_too_deep: {
    status: 400,
    title: { 'zh-CN': 'JSON 嵌套过深', en: 'JSON nested too deeply' },
    detail: { 'zh-CN': '请求体的 JSON 嵌套不能超过 {maxDepth} 层。', en: 'The JSON request body must not nest deeper than {maxDepth} levels.' },
  },
  uri_too_long: {
    status: 414,
    title: { 'zh-CN': 'URL 过长', en: 'URI too long' },
    detail: { 'zh-CN': 'URL 路径中的每一段不能超过 {maxLength} 个字符。', en: 'Each segment of the URL path must be at most {maxLength} characters.' },
  },
  bad_url: {
    status: 400,
    title: { 'zh-CN': 'URL 无效', en: 'Invalid URL' },
    detail: { 'zh-CN': 'URL 中有无效的百分号编码（%XX），或解码后不是合法的 UTF-8。', en: 'The URL has an invalid percent-encoding (%XX), or it does not decode to valid UTF-8.' },
  },
  bad_request: {
    status: 400,
    title: { 'zh-CN': '无法解析请求', en: 'Bad request' },
    detail: { 'zh-CN': 'HTTP 请求格式有误（请求行、请求头或消息长度），服务器无法处理。', en: 'The HTTP request is malformed (its request line, headers or length), so it cannot be processed.' },
  },
  headers_too_large: {
    status: 431,
    title: { 'zh-CN': '请求头过大', en: 'Request headers too large' },
    detail: { 'zh-CN': '请求头的总大小超过了服务器的上限。', en: 'The request headers are larger than the server accepts.' },
  },
  request_timeout: {
    status: 408,
    title: { 'zh-CN': '请求超时', en: 'Request timeout' },
    detail: { 'zh-CN': '服务器未能在限定时间内收到完整的请求。', en: 'The server did not receive the whole request in time.' },
  },
  unauthenticated: {
    status: 401,
    title: { 'zh-CN': '未登录', en: 'Not signed in' },
    detail: { 'zh-CN': '请先登录，或提供有效的令牌或 API 密钥。', en: 'Sign in, or provide a valid token or API key.' },
  },
  invalid_credentials: {
    status: 401,
    title: { 'zh-CN': '登录失败', en: 'Sign-in failed' },
    detail: { 'zh-CN': '邮箱或密码不正确。', en: 'The email or password is incorrect.' },
  },
  too_many_attempts: {
    status: 429,
    title: { 'zh-CN': '尝试次数过多', en: 'Too many attempts' },
    detail: { 'zh-CN': '失败次数过多，请在 {retryAfterS} 秒后再试。', en: 'Too many failed attempts; try again in {retryAfterS} seconds.' },
  },
  forbidden: {
    status: 403,
    title: { 'zh-CN': '无权操作', en: 'Forbidden' },
    detail: { 'zh-CN': '您的角色没有“{permission}”权限。', en: 'Your roles do not grant the “{permission}” permission.' },
  },
  // A cookie-signed-in write from another site's page (issue 11): the browser sent our cookie, but
  // the page that asked was not ours.
  csrf_origin_mismatch: {
    status: 403,
    title: { 'zh-CN': '请求来源不符', en: 'Cross-site request refused' },
    detail: {
      'zh-CN': '该操作只能从本站页面发起；其他网站或程序请使用 Authorization: Bearer 令牌。',
      en: 'This action can only be taken from this site’s own pages; other sites and programs use an Authorization: Bearer token.',
    },
  },
  // Separation of duties (issue 9): the price check (核价) of a version is made by someone other than
  // whoever assessed or quoted it, whatever roles they hold. {what} names which of the two it was.
  separation_of_duties: {
    status: 403,
    title: { 'zh-CN': '须由他人核价', en: 'Separation of duties' },
    detail: {
      'zh-CN': '本版本的{what}是您制作的，核价须由另一人完成。',
      en: 'You made this version’s {what} yourself; the price check must be made by someone else.',
    },
  },
  // Four eyes (issue 13): money is released or billed by someone other than whoever prepared it.
  four_eyes: {
    status: 403,
    title: { 'zh-CN': '须由另一人审批', en: 'Four eyes' },
    detail: {
      'zh-CN': '该{what}的上一步由您本人（或您创建的 API 密钥）完成，这一步须由另一人完成。',
      en: 'You, or an API key you made, took this {what}’s previous step; someone else must take this one.',
    },
  },
  financing_over_limit: {
    status: 409,
    title: { 'zh-CN': '超出融资额度', en: 'Over the financing limit' },
    detail: {
      'zh-CN': '申请的应收账款面值 {face} 分超出可用额度 {available} 分，未做任何更改。',
      en: 'The receivables’ face value of {face} fen is over the {available} fen available; nothing was changed.',
    },
  },
  // A request addressed to a funder (资金方) is decided by that funder's people; the platform's team
  // reads it only (and a funder never sees the platform's or another funder's).
  financing_other_funder: {
    status: 403,
    title: { 'zh-CN': '由资金方审批', en: 'The funder decides' },
    detail: {
      'zh-CN': '该融资申请的资金方是 {funder}，审批、放款与核销须由资金方完成，平台只能查看。',
      en: 'This financing request is addressed to {funder}; approving, funding and writing it off are the funder’s to do, the platform only reads it.',
    },
  },
  statement_empty: {
    status: 422,
    title: { 'zh-CN': '没有可对账的内容', en: 'Nothing to bill' },
    detail: {
      'zh-CN': '{from} 至 {to} 期间，该机构没有尚未对账的已验收配件行。',
      en: 'The organisation has no accepted lines left to bill between {from} and {to}.',
    },
  },
  invoice_required: {
    status: 409,
    title: { 'zh-CN': '须先登记发票', en: 'Invoice required' },
    detail: {
      'zh-CN': '付款方要求对账单登记发票后才能结清：已登记 {recorded} 分，应为 {total} 分。',
      en: 'The payer requires the statement’s invoices before it is settled: {recorded} fen recorded of {total}.',
    },
  },
  not_found: {
    status: 404,
    title: { 'zh-CN': '未找到', en: 'Not found' },
    detail: { 'zh-CN': '{what}不存在，或您无权查看。', en: 'The {what} does not exist or is not visible to you.' },
  },
  route_not_found: {
    status: 404,
    title: { 'zh-CN': '接口不存在', en: 'No such endpoint' },
    detail: { 'zh-CN': '没有 {method} {url} 这个接口。', en: 'There is no endpoint {method} {url}.' },
  },
  method_not_allowed: {
    status: 405,
    title: { 'zh-CN': '方法不允许', en: 'Method not allowed' },
    detail: { 'zh-CN': '该接口不支持 {method}。', en: 'This endpoint does not support {method}.' },
  },
  idempotency_key_reused: {
    status: 409,
    title: { 'zh-CN': '幂等键冲突', en: 'Idempotency key reused' },
    detail: {
      'zh-CN': '幂等键 {key} 已用于另一个不同的请求；请换一个新的键。',
      en: 'Idempotency key {key} was already used for a different request; use a new key.',
    },
  },
  conflict: {
    status: 409,
    title: { 'zh-CN': '数据冲突', en: 'Conflict' },
    detail: { 'zh-CN': '{what}已存在：{value}。', en: 'The {what} already exists: {value}.' },
  },
  invalid_state: {
    status: 409,
    title: { 'zh-CN': '状态不允许', en: 'Invalid state' },
    detail: { 'zh-CN': '{what}当前状态为“{state}”，不能执行该操作。', en: 'The {what} is “{state}” and does not allow this.' },
  },
  export_too_large: {
    status: 422,
    title: { 'zh-CN': '导出行数过多', en: 'Too many rows to export' },
    detail: { 'zh-CN': '符合条件的记录超过 {limit} 条，请缩小筛选范围后再导出。', en: 'More than {limit} rows match; narrow the filters and export again.' },
  },
  limit_reached: {
    status: 409,
    title: { 'zh-CN': '数量已达上限', en: 'Limit reached' },
    detail: { 'zh-CN': '{what}数量已达上限（{limit}）。', en: 'The number of {what}s has reached its limit of {limit}.' },
  },
  invalid_vin: {
    status: 422,
    title: { 'zh-CN': '车架号（VIN）无效', en: 'Invalid VIN' },
    detail: { 'zh-CN': '车架号 {vin} 有误：{reason}', en: 'VIN {vin} is not valid: {reason}' },
  },
  import_rejected: {
    status: 422,
    title: { 'zh-CN': '导入文件有误，未导入任何数据', en: 'Import rejected; nothing was imported' },
    detail: {
      'zh-CN': '文件共 {rows} 行，其中 {count} 处错误（下方列出前 {shown} 处）。请修改后重新导入。',
      en: 'The file has {rows} rows and {count} error(s) (the first {shown} are listed). Correct them and import again.',
    },
  },
  credit_limit_exceeded: {
    status: 409,
    title: { 'zh-CN': '超出信用额度', en: 'Credit limit exceeded' },
    detail: {
      'zh-CN': '该笔应收将超出平台为贵机构设定的信用额度，未做任何更改。请先结清已到期账款，或联系平台财务调整额度。',
      en: 'This would take your organisation past the credit limit the platform set; nothing was changed. Settle what is due or ask the platform’s finance team to raise the limit.',
    },
  },
  // Money going out is approved by a person signed in, never by an API key.
  person_required: {
    status: 403,
    title: { 'zh-CN': '须由本人审批', en: 'A person must decide this' },
    detail: { 'zh-CN': '该{what}须由财务人员登录后审批，API 密钥不能审批。', en: 'This {what} must be decided by a person signed in; an API key cannot.' },
  },
  refund_withdraw_own: {
    status: 403,
    title: { 'zh-CN': '只能撤回本人的申请', en: 'Only your own can be withdrawn' },
    detail: {
      'zh-CN': '该退款申请不是您提交的，不能撤回；如不同意，请拒绝并说明原因。',
      en: 'You did not ask for this refund, so you cannot withdraw it; refuse it with a reason instead.',
    },
  },
  // A refund approved by the platform's finance team: the payer it would go to owes beyond its limit.
  refund_over_credit_limit: {
    status: 409,
    title: { 'zh-CN': '退款后将超出信用额度', en: 'Refund would pass the credit limit' },
    detail: {
      'zh-CN': '退款后{payer}的应收将超出平台为其设定的信用额度，未做任何更改。请先收回其欠款，或调整其信用额度后再批准。',
      en: 'After this refund {payer} would owe beyond the credit limit the platform set for it; nothing was changed. Collect what it owes, or change its limit, before approving.',
    },
  },
  insufficient_stock: {
    status: 409,
    title: { 'zh-CN': '库存不足', en: 'Insufficient stock' },
    detail: {
      'zh-CN': '有 {count} 行配件库存不足，订单未创建，也未占用任何库存（见 errors）。',
      en: '{count} line(s) lack stock; no order was created and nothing was reserved (see errors).',
    },
  },
  // Issue 10: an order is refused only for lines nothing can source (no stock to reserve, none to
  // transfer, nothing to buy them by, or no warehouse delivering to the region).
  unsourceable: {
    status: 409,
    title: { 'zh-CN': '无法供货', en: 'Cannot be sourced' },
    detail: {
      'zh-CN': '有 {count} 行配件无货可供：没有库存可占用或调拨，也无法向供应商采购；订单未创建（见 errors）。',
      en: '{count} line(s) cannot be sourced: no stock to reserve or transfer and nothing to buy them by; no order was created (see errors).',
    },
  },
  transfer_stock_short: {
    status: 409,
    title: { 'zh-CN': '库存不足', en: 'Insufficient stock' },
    detail: {
      'zh-CN': '调出仓有 {count} 行可用库存不足，调拨单未创建（见 errors）。',
      en: '{count} line(s) lack available stock at the source warehouse; no transfer was created (see errors).',
    },
  },
  count_below_reserved: {
    status: 409,
    title: { 'zh-CN': '盘点数量少于已占用数量', en: 'Count below reserved stock' },
    detail: {
      'zh-CN': '有 {count} 行的盘点数量少于订单已占用的数量，盘点未过账；请先处理这些订单（见 errors）。',
      en: '{count} line(s) counted fewer units than orders have reserved; nothing was posted. Resolve those orders first (see errors).',
    },
  },
  // The public trace-code lookup (car owners, no login): said plainly, without the code echoed back.
  trace_code_unknown: {
    status: 404,
    title: { 'zh-CN': '追溯码不存在', en: 'Unknown trace code' },
    detail: { 'zh-CN': '没有这个追溯码，请核对后重试。', en: 'There is no such trace code; please check it and try again.' },
  },
  rate_limited: {
    status: 429,
    title: { 'zh-CN': '请求过于频繁', en: 'Too many requests' },
    detail: { 'zh-CN': '请稍后再试。', en: 'Please retry later.' },
  },
  // Webhooks go to public receivers only (issue 9.8); the field error says whether the host is
  // private or does not resolve.
  webhook_url_refused: {
    status: 422,
    title: { 'zh-CN': 'Webhook 地址不可用', en: 'Webhook URL refused' },
    detail: {
      'zh-CN': 'Webhook 只能发往可解析的公网地址，不能指向内网、本机或保留地址：{host}（见 errors）。',
      en: 'Webhooks are delivered to resolvable public addresses only, never to private, loopback or reserved ones: {host} (see errors).',
    },
  },
  internal: {
    status: 500,
    title: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
    detail: { 'zh-CN': '服务器出错了，请稍后再试；如持续出现，请提供请求编号 {requestId}。', en: 'Something went wrong; retry later, and quote request id {requestId} if it persists.' },
  },
  unavailable: {
    status: 503,
    title: { 'zh-CN': '服务暂不可用', en: 'Service unavailable' },
    detail: { 'zh-CN': '数据库暂不可用。', en: 'The database is unavailable.' },
  },
  // Issue 9, trace codes: a code shaped like an issued one whose check character disagrees is
  // refused before any lookup (a typo, or a guess).
  trace_code_mistyped: {
    status: 422,
    title: { 'zh-CN': '追溯码输入有误', en: 'Mistyped trace code' },
    detail: {
      'zh-CN': '追溯码中有字符输错了（校验位不符）。请对照标签逐位核对后重试；I、L 与 1，O 与 0 可以混用。',
      en: 'A character of this trace code is wrong (its check character does not match). Compare it with the label and try again; I, L and 1, and O and 0, may be typed for each other.',
    },
  },
  // Issue 11, the car owner's vehicle lookup (public): the same answer whether the VIN is unknown or
  // the plate does not go with it, so that it cannot tell a prober which.
  trace_vehicle_unknown: {
    status: 404,
    title: { 'zh-CN': '未找到车辆的维修记录', en: 'No repair record for this vehicle' },
    detail: {
      'zh-CN': '没有找到车架号与车牌号同时相符的理赔维修记录。请对照行驶证核对车架号（17 位）和车牌号后重试。',
      en: 'No claim repair record matches this VIN and plate together. Check both against the vehicle registration certificate and try again.',
    },
  },
  // Issue 10, lot recalls (召回): a lot is recalled once; the second attempt says when the first was.
  lot_already_recalled: {
    status: 409,
    title: { 'zh-CN': '批次已召回', en: 'Lot already recalled' },
    detail: {
      'zh-CN': '批次 {lotNo} 已于 {recalledAt}（北京时间）召回，不能重复召回。',
      en: 'Lot {lotNo} was already recalled on {recalledAt} (China time); it cannot be recalled again.',
    },
  },
  // Issue 10, a supplier's stock levels (i10-seed): set only at a supplier's own warehouse, never
  // below what orders hold.
  stock_levels_supplier_only: {
    status: 409,
    title: { 'zh-CN': '只有供应商自有仓可以设定库存水位', en: 'Stock levels are set at a supplier’s own warehouse only' },
    detail: {
      'zh-CN': '{warehouse} 是平台仓：其库存只通过入库、调拨和盘点变动。',
      en: '{warehouse} is a platform warehouse: its stock changes only by receipts, transfers and counts.',
    },
  },
  stock_level_below_reserved: {
    status: 409,
    title: { 'zh-CN': '库存水位低于已占用数量', en: 'Stock level below reserved stock' },
    detail: {
      'zh-CN': '有 {count} 行的库存水位低于订单已占用的数量，库存未作任何变动；请先处理这些订单（见 errors）。',
      en: '{count} line(s) state fewer units than orders have reserved; nothing was changed. Resolve those orders first (see errors).',
    },
  },
  // Issue 13, the ledger's settings: a credit limit is kept on a payer's receivable, a fee rate on
  // a supplier's sales, and a fee rate never reaches back to sales already made.
  credit_limit_org_kind: {
    status: 422,
    title: { 'zh-CN': '该机构没有信用额度', en: 'No credit limit for this organisation' },
    detail: {
      'zh-CN': '信用额度只为保险公司和维修企业（自费采购）设定；{name}不是这两类机构。',
      en: 'Credit limits are set for insurers and for repair shops buying for themselves; {name} is neither.',
    },
  },
  fee_rate_org_kind: {
    status: 422,
    title: { 'zh-CN': '该机构不是供应商', en: 'Not a supplier' },
    detail: { 'zh-CN': '平台服务费率只为供应商设定；{name}不是供应商。', en: 'Platform fee rates are set for suppliers only; {name} is not a supplier.' },
  },
  fee_rate_backdated: {
    status: 422,
    title: { 'zh-CN': '生效日期不能早于今天', en: 'A fee rate cannot take effect in the past' },
    detail: {
      'zh-CN': '服务费率最早从今天（{today}，北京时间）起生效：更早的日期会改变已成交销售的服务费（见 errors）。',
      en: 'A fee rate takes effect today ({today}, China time) at the earliest: an earlier day would reprice sales already made (see errors).',
    },
  },
} as const satisfies Record<string, { status: number; title: Text; detail: Text }>;

export type ProblemCode = keyof typeof problemCatalog;

// Field-level reasons inside `errors[]`. Zod's issue codes map onto these, and our own refinements
// use the keys below as their message so they can be translated at the edge.
export const fieldCatalog = {
  required: { 'zh-CN': '必填', en: 'is required' },
  invalid_type: { 'zh-CN': '类型错误，应为 {expected}', en: 'must be of type {expected}' },
  too_small_string: { 'zh-CN': '长度不能少于 {minimum} 个字符', en: 'must be at least {minimum} characters' },
  too_big_string: { 'zh-CN': '长度不能超过 {maximum} 个字符', en: 'must be at most {maximum} characters' },
  too_small_number: { 'zh-CN': '不能小于 {minimum}', en: 'must be at least {minimum}' },
  too_big_number: { 'zh-CN': '不能大于 {maximum}', en: 'must be at most {maximum}' },
  too_small_array: { 'zh-CN': '至少需要 {minimum} 项', en: 'must have at least {minimum} items' },
  too_big_array: { 'zh-CN': '最多 {maximum} 项', en: 'must have at most {maximum} items' },
  invalid_format: { 'zh-CN': '格式不正确（应为 {format}）', en: 'is not a valid {format}' },
  invalid_value: { 'zh-CN': '取值无效，可选：{values}', en: 'must be one of: {values}' },
  unknown_field: { 'zh-CN': '不允许的字段', en: 'is not an allowed field' },
  invalid: { 'zh-CN': '取值无效', en: 'is invalid' },
  nul_character: { 'zh-CN': '不能包含空字符（U+0000）', en: 'must not contain the NUL character (U+0000)' },
  lone_surrogate: { 'zh-CN': '含有无效的 Unicode 字符（不成对的代理项）', en: 'contains an invalid Unicode character (an unpaired surrogate)' },
  nothing_to_change: { 'zh-CN': '请至少填写一个要修改的字段', en: 'name at least one field to change' },
  uscc_length: { 'zh-CN': '统一社会信用代码应为 18 位', en: 'a unified social credit code has 18 characters' },
  uscc_charset: { 'zh-CN': '统一社会信用代码含非法字符', en: 'the unified social credit code has a character that is not allowed' },
  uscc_check_character: { 'zh-CN': '统一社会信用代码校验位错误', en: 'the unified social credit code check character is wrong' },
  region_unknown: { 'zh-CN': '未知的行政区划代码（GB/T 2260）', en: 'is not a known GB/T 2260 region code' },
  role_not_for_kind: { 'zh-CN': '角色 {role} 不适用于{kind}类机构', en: 'role {role} is not available to a {kind} organisation' },
  email_taken: { 'zh-CN': '该邮箱已被使用', en: 'this email is already in use' },
  uscc_taken: { 'zh-CN': '该统一社会信用代码已被登记', en: 'this unified social credit code is already registered' },
  org_unknown: { 'zh-CN': '机构不存在', en: 'no such organisation' },
  password_weak: { 'zh-CN': '密码至少 10 个字符', en: 'the password must have at least 10 characters' },
  url_scheme: { 'zh-CN': '只支持 http 或 https 地址', en: 'only http and https URLs are accepted' },
  vin_length: { 'zh-CN': '车架号应为 17 位（现为 {length} 位）', en: 'a VIN has 17 characters (this one has {length})' },
  vin_forbidden_letter: {
    'zh-CN': '第 {position} 位不能是字母 {character}（I、O、Q 易与数字混淆，不允许出现）',
    en: 'position {position} cannot be the letter {character} (I, O and Q are not allowed)',
  },
  vin_invalid_character: { 'zh-CN': '第 {position} 位的字符“{character}”无效', en: 'the character “{character}” at position {position} is not allowed' },
  vin_check_digit: { 'zh-CN': '第 9 位校验位应为 {expected}，实为 {actual}', en: 'the check digit at position 9 should be {expected}, not {actual}' },
  unknown_reference: { 'zh-CN': '引用的{what}不存在：{value}', en: 'no such {what}: {value}' },
  duplicate_in_file: { 'zh-CN': '与第 {row} 行重复', en: 'duplicates row {row}' },
  certificate_required: { 'zh-CN': '认证件必须填写认证机构、证书编号和有效期', en: 'a certified part needs its certification body, certificate number and validity' },
  date_order: { 'zh-CN': '结束日期不能早于开始日期', en: 'the end date cannot be before the start date' },
  vehicle_model_ambiguous: { 'zh-CN': '该车架号对应多个车型，请选择其一：{values}', en: 'the VIN fits several models; choose one of: {values}' },
  plate_format: { 'zh-CN': '车牌号格式不正确（如 浙A12345）', en: 'is not a mainland plate number (e.g. 浙A12345)' },
  date_in_future: { 'zh-CN': '日期不能晚于今天', en: 'cannot be later than today' },
  labour_hours_one_decimal: { 'zh-CN': '工时最多保留一位小数', en: 'labour hours take at most one decimal' },
  part_id_or_oe_no: { 'zh-CN': '配件 ID 与 OE 号只能填一个', en: 'give either partId or oeNo, not both' },
  invalid_cursor: { 'zh-CN': '分页游标无效', en: 'is not a valid page cursor' },
  no_warehouse_covers_region: { 'zh-CN': '没有平台仓库配送到 {regionCode}，供应商在该地区也无现货', en: 'no platform warehouse delivers to {regionCode}, and the supplier holds none there' },
  not_purchasable: { 'zh-CN': '各仓库均无现货，也没有可用的报价向供应商采购', en: 'no warehouse holds it, and there is no offer to buy it by' },
  stock_short: { 'zh-CN': '需要 {requested} 件，可送达该地区的仓库最多只有 {available} 件', en: '{requested} needed; the warehouses that deliver there have at most {available}' },
  available_short: { 'zh-CN': '需要 {requested} 件，调出仓可用只有 {available} 件', en: '{requested} needed; the source warehouse has {available} available' },
  same_warehouse: { 'zh-CN': '调出仓与调入仓不能相同', en: 'the source and destination warehouses must differ' },
  transfer_route: { 'zh-CN': '只能在平台仓之间、或同一机构的仓库之间调拨', en: 'transfers go between the platform’s warehouses, or between warehouses of one organisation' },
  below_reserved: { 'zh-CN': '盘点 {counted} 件，少于订单已占用的 {reserved} 件', en: '{counted} counted, fewer than the {reserved} that orders have reserved' },
  duplicate_count_line: { 'zh-CN': '同一商品和批次在一次盘点中只能有一行', en: 'a product and lot is counted on one line only' },
  trace_codes_count: { 'zh-CN': '追溯码数量（{count}）应等于数量（{qty}）', en: 'the number of trace codes ({count}) must equal the quantity ({qty})' },
  trace_codes_required: { 'zh-CN': '认证件每件都需要一个追溯码', en: 'a certified part needs one trace code per unit' },
  trace_code_taken: { 'zh-CN': '追溯码已被使用：{value}', en: 'the trace code is already in use: {value}' },
  trace_code_not_found: { 'zh-CN': '追溯码不存在：{value}', en: 'no such trace code: {value}' },
  trace_code_wrong_product: { 'zh-CN': '追溯码 {value} 属于另一个商品，不是本行订购的商品', en: 'trace code {value} belongs to another product than this line’s' },
  trace_code_wrong_lot: { 'zh-CN': '追溯码 {value} 所属批次未为本行预留', en: 'trace code {value} is of a lot not reserved for this line' },
  trace_code_not_in_stock: { 'zh-CN': '追溯码 {value} 不在本仓库存中（已出库、已拣或在别处）', en: 'trace code {value} is not in stock here (shipped, picked, or elsewhere)' },
  line_repeated: { 'zh-CN': '同一订单行在请求中出现了不止一次', en: 'the same order line is named more than once' },
  delivered_before_shipped: { 'zh-CN': '送达时间不能早于发货时间，也不能晚于现在', en: 'cannot be before the shipment left, nor in the future' },
  line_not_in_shipment: { 'zh-CN': '该订单行不属于本发货单', en: 'the order line is not part of this shipment' },
  product_of_other_supplier: { 'zh-CN': '该商品不属于供应商 {supplier}', en: 'the product does not belong to supplier {supplier}' },
  warehouse_kind_for_org: { 'zh-CN': '{kind}类机构不能建{warehouseKind}仓', en: 'a {kind} organisation cannot run a {warehouseKind} warehouse' },
  assessment_not_approved: { 'zh-CN': '定损单尚未核价通过', en: 'the assessment has not been approved' },
  already_ordered: { 'zh-CN': '该定损单已下单：{value}', en: 'the assessment was already ordered: {value}' },
  nothing_to_order: { 'zh-CN': '没有可下单的已核价配件行', en: 'no approved part line to order' },
  no_offer_for_region: { 'zh-CN': '该商品在本地区没有有效报价', en: 'the product has no valid offer for this region' },
  url_not_public: { 'zh-CN': '{host} 是或解析为内网、本机或保留地址，不能接收 Webhook', en: '{host} is, or resolves to, a private, loopback or reserved address and cannot receive webhooks' },
  url_unresolvable: { 'zh-CN': '无法解析主机名 {host}', en: 'the host name {host} could not be resolved' },
  // The password policy (issue 9): besides the length (password_weak), not a common password, not the email.
  password_common: { 'zh-CN': '该密码过于常见，容易被猜中，请换一个', en: 'this password is too common and easily guessed; choose another' },
  password_like_email: { 'zh-CN': '密码不能与邮箱或邮箱 @ 前的部分相同', en: 'the password must not be the email address or the part before its @' },
  // Issue 9, trace codes.
  trace_code_mistyped: { 'zh-CN': '追溯码中有字符输错了（校验位不符）', en: 'a character of the trace code is wrong (its check character does not match)' },
  trace_code_invalid: { 'zh-CN': '不是追溯码', en: 'is not a trace code' },
  trace_codes_too_many: { 'zh-CN': '一张入库单最多 {maximum} 个追溯码（现为 {count} 个），请分单入库', en: 'a receipt issues at most {maximum} trace codes (this one needs {count}); split it' },
  // Issue 10, lot recalls (召回).
  lot_number_shared: { 'zh-CN': '批次号 {lotNo} 有 {count} 个商品在用，请用 productId 指明召回哪一个', en: 'lot number {lotNo} is used by {count} products; name the one to recall with productId' },
  trace_code_recalled: { 'zh-CN': '追溯码 {value} 所属批次 {lotNo} 已召回，不能拣货', en: 'trace code {value} is of lot {lotNo}, which is recalled, and cannot be picked' },
  line_lot_recalled: {
    'zh-CN': '本行占用的批次 {lotNo} 已召回，须重新调配货源后才能拣货',
    en: 'this line holds units of lot {lotNo}, which is recalled; it must be re-sourced before it can be picked',
  },
  // Issue 10, purchasing: purchase orders, their receipts, replenishment rules.
  purchase_warehouse_kind: { 'zh-CN': '只能为平台的中心仓或前置仓采购', en: 'purchases are made for the platform’s central and front warehouses only' },
  not_a_supplier: { 'zh-CN': '该机构不是在用的供应商', en: 'is not an active supplier' },
  date_in_past: { 'zh-CN': '日期不能早于今天', en: 'cannot be earlier than today' },
  duplicate_product: { 'zh-CN': '同一商品只能有一行', en: 'the same product may appear on one line only' },
  below_offer_min_qty: { 'zh-CN': '少于该报价的起订量 {minQty}', en: 'is below the offer’s minimum order of {minQty}' },
  po_line_unknown: { 'zh-CN': '不是本采购单的行', en: 'is not a line of this purchase order' },
  po_line_unanswered: { 'zh-CN': '第 {lineNo} 行既未确认也未拒绝，每一行都要答复', en: 'line {lineNo} is neither confirmed nor refused; answer every line' },
  po_line_repeated: { 'zh-CN': '同一采购单行出现了不止一次', en: 'the same purchase order line is named more than once' },
  po_line_not_confirmed: { 'zh-CN': '该行状态为“{status}”，只有供应商确认的行才能收货', en: 'the line is “{status}”; only lines the supplier confirmed can be received' },
  promised_date_or_reason: { 'zh-CN': '确认请填承诺日期，拒绝请填原因，二者只填其一', en: 'give a promised date to confirm or a reason to refuse, one of the two' },
  receipt_lines_required: { 'zh-CN': '至少收货一行；只有结单（final）时可以不填', en: 'receive at least one line; none only when closing the order (final)' },
  max_not_above_min: { 'zh-CN': '最大库存必须大于最小库存', en: 'must be greater than minQty' },
  // Issue 10, a supplier's stock levels (i10-seed).
  product_id_or_sku: { 'zh-CN': '商品 ID 与 SKU 须填且只填一个', en: 'give either productId or sku, not both' },
  stock_level_repeated: {
    'zh-CN': '与 {other} 是同一商品和批次（不填批次即该商品的总数，不能再与按批次的行同列）',
    en: 'names the same product and lot as {other} (a line without a lot is the product’s total and cannot stand beside lines by lot)',
  },
  level_below_reserved: { 'zh-CN': '库存水位 {qty} 件，少于订单已占用的 {reserved} 件', en: 'a level of {qty}, fewer than the {reserved} that orders have reserved' },
  stock_level_coded_lot: {
    'zh-CN': '需减少的库存带有追溯码，无法判断是哪几件离库；请通过盘点扫码减少',
    en: 'the units to take away carry trace codes, and which ones left is known only by scanning them: lower it by a stock count',
  },
  stock_level_lot_recalled: { 'zh-CN': '该批次已召回，不能增加库存', en: 'the lot is recalled; its stock cannot be raised' },
  // Issue 13, returns after acceptance (售后退货).
  return_open: { 'zh-CN': '该配件有未完结的售后退货（{value}），不能装车', en: 'the line has an open return ({value}) and cannot be installed' },
  return_window_closed: {
    'zh-CN': '签收已超过 {days} 天（{receivedOn} 签收），不能再申请售后退货',
    en: 'it was signed for more than {days} days ago ({receivedOn}); a return can no longer be opened',
  },
  line_not_returnable: {
    'zh-CN': '只有已签收、尚未装车的配件可以申请售后退货',
    en: 'only a line signed for and not yet installed can be returned',
  },
  invoice_target: { 'zh-CN': '请指定对账单、付款单或红冲的原发票，且只能指定其一', en: 'name one of the statement, the payout or the invoice it reverses' },
  return_exists: { 'zh-CN': '该订单行已有退货单：{value}', en: 'the line already has a return: {value}' },
  refund_over_left: { 'zh-CN': '超过该笔收款可退金额 {left}', en: 'more than the {left} left of the payment to refund' },
} as const satisfies Record<string, Text>;

export type FieldCode = keyof typeof fieldCatalog;

export function isFieldCode(value: string): value is FieldCode {
  return Object.hasOwn(fieldCatalog, value);
}

// Object names used inside details such as “the {what} does not exist”.
export const objectNames = {
  organisation: { 'zh-CN': '机构', en: 'organisation' },
  user: { 'zh-CN': '用户', en: 'user' },
  api_key: { 'zh-CN': 'API 密钥', en: 'API key' },
  webhook: { 'zh-CN': 'Webhook', en: 'webhook' },
  session: { 'zh-CN': '会话', en: 'session' },
  audit_event: { 'zh-CN': '审计记录', en: 'audit event' },
  part: { 'zh-CN': '配件', en: 'part' },
  vehicle_model: { 'zh-CN': '车型', en: 'vehicle model' },
  product: { 'zh-CN': '商品', en: 'product' },
  offer: { 'zh-CN': '报价', en: 'offer' },
  cert_body: { 'zh-CN': '认证机构', en: 'certification body' },
  catalog_import: { 'zh-CN': '导入任务', en: 'import' },
  claim: { 'zh-CN': '索赔案件', en: 'claim' },
  assessment: { 'zh-CN': '定损单', en: 'assessment' },
  quote: { 'zh-CN': '报价单', en: 'quote' },
  quote_line: { 'zh-CN': '报价行', en: 'quote line' },
  inquiry: { 'zh-CN': '询价单', en: 'inquiry' },
  bid: { 'zh-CN': '投标报价', en: 'bid' },
  price_guide_entry: { 'zh-CN': '价格指导条目', en: 'price guide entry' },
  procurement_policy: { 'zh-CN': '采购策略', en: 'procurement policy' },
  warehouse: { 'zh-CN': '仓库', en: 'warehouse' },
  stock_receipt: { 'zh-CN': '入库单', en: 'receipt' },
  stock_transfer: { 'zh-CN': '调拨单', en: 'transfer' },
  stock_count: { 'zh-CN': '盘点单', en: 'stock count' },
  order: { 'zh-CN': '订单', en: 'order' },
  order_line: { 'zh-CN': '订单行', en: 'order line' },
  shipment: { 'zh-CN': '发货单', en: 'shipment' },
  order_return: { 'zh-CN': '退货单', en: 'return' },
  trace_code: { 'zh-CN': '追溯码', en: 'trace code' },
  stock_lot: { 'zh-CN': '批次', en: 'lot' },
  // Issue 10, purchasing.
  purchase_order: { 'zh-CN': '采购单', en: 'purchase order' },
  purchase_order_line: { 'zh-CN': '采购单行', en: 'purchase order line' },
  // Issue 13, money.
  statement: { 'zh-CN': '对账单', en: 'statement' },
  statement_line: { 'zh-CN': '对账单行', en: 'statement line' },
  payment: { 'zh-CN': '收款', en: 'payment' },
  refund: { 'zh-CN': '退款申请', en: 'refund' },
  invoice: { 'zh-CN': '发票', en: 'invoice' },
  payout: { 'zh-CN': '付款单', en: 'payout' },
  financing_request: { 'zh-CN': '融资申请', en: 'financing request' },
  receivable: { 'zh-CN': '应收账款', en: 'receivable' },
  funder: { 'zh-CN': '资金方', en: 'funder' },
  // Issue 13, the ledger.
  ledger_account: { 'zh-CN': '账户', en: 'ledger account' },
} as const satisfies Record<string, Text>;
