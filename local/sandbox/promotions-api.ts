// Promotions and their coupon codes (promotions.v3.yml), with state. Requests arrive validated
// against the spec; these handlers add what its text says and its schemas cannot: codes are unique
// in the store (a duplicate is 409 Conflict, BigCommerce's status for a conflicting resource),
// only letters, digits, spaces, underscores and hyphens; bulk delete refuses promotions with codes.
import { type ApiResult, type Handler, ids, problem, unprocessable } from './api-result';
import type { CouponCode, Promotion } from './store-records';
import type { StoreState } from './store-state';

const CODE_CHARACTERS = /^[A-Za-z0-9_ -]+$/;
const now = () => new Date().toISOString();
const notFound = (title: string): ApiResult => ({ status: 404, body: { errors: [{ status: 404, title }] } });
const promotionOf = (state: StoreState, id: unknown) => state.promotions.find((p) => p.id === Number(id));
const codeBody = ({ promotion_id: _promotion, ...code }: CouponCode) => code;

function pagination(total: number, perPage: number, page: number) {
  return {
    total,
    count: Math.min(perPage, Math.max(0, total - (page - 1) * perPage)),
    per_page: perPage,
    current_page: page,
    total_pages: Math.max(1, Math.ceil(total / perPage)),
    links: { current: `?page=${page}&limit=${perPage}` },
  };
}

/** Codes of a promotion, oldest first, by id cursor (`after` is the base64 of the last id seen). */
function listCodes(state: StoreState, promotionId: number, query: Record<string, unknown>): ApiResult {
  const limit = Number(query.limit ?? 50);
  const after = query.after ? Number(Buffer.from(String(query.after), 'base64url').toString()) : 0;
  const matching = state.couponCodes.filter(
    (c) => c.promotion_id === promotionId && (!query.code || c.code === query.code),
  );
  const page = matching.filter((c) => c.id > after).slice(0, limit);
  const cursor = (id: number) => Buffer.from(String(id)).toString('base64url');
  const last = page.at(-1);
  const more = last !== undefined && matching.some((c) => c.id > last.id);
  return {
    status: 200,
    body: {
      data: page.map(codeBody),
      meta: {
        cursor_pagination: {
          count: page.length,
          per_page: limit,
          ...(page[0] ? { start_cursor: cursor(page[0].id) } : {}),
          ...(last ? { end_cursor: cursor(last.id) } : {}),
          links: more && last ? { next: `?limit=${limit}&after=${cursor(last.id)}` } : {},
        },
      },
    },
  };
}

export const promotionHandlers: Record<string, Handler> = {
  getPromotions: (state, query) => {
    const limit = Number(query.limit ?? 50);
    const page = Number(query.page ?? 1);
    const matching = state.promotions.filter(
      (p) =>
        (!query.id || p.id === Number(query.id)) &&
        (!query.name || p.name === query.name) &&
        (!query.status || p.status === query.status) &&
        (!query.code || state.couponCodes.some((c) => c.promotion_id === p.id && c.code === query.code)),
    );
    return {
      status: 200,
      body: {
        data: matching.slice((page - 1) * limit, page * limit),
        meta: { pagination: pagination(matching.length, limit, page) },
      },
    };
  },

  createPromotion: (state, _query, body) => {
    const input = body as Partial<Promotion> & { redemption_type?: string };
    if (input.redemption_type !== 'COUPON')
      return unprocessable('The sandbox keeps coupon promotions only.', { redemption_type: 'must be COUPON' });
    const promotion: Promotion = {
      channels: [],
      customer: {},
      notifications: [],
      stop: false,
      currency_code: 'USD',
      status: 'ENABLED',
      can_be_used_with_other_promotions: true,
      coupon_overrides_other_promotions: false,
      coupon_type: 'SINGLE',
      start_date: now(),
      ...input,
      id: state.newId(),
      redemption_type: 'COUPON',
      current_uses: 0,
      created_from: 'api',
      name: input.name ?? '',
      rules: input.rules ?? [],
    };
    state.promotions.push(promotion);
    return { status: 201, body: { data: promotion, meta: {} } };
  },

  getPromotion: (state, _query, _body, params) => {
    const promotion = promotionOf(state, params.id);
    return promotion ? { status: 200, body: { data: promotion, meta: {} } } : notFound('The promotion was not found.');
  },

  updatePromotion: (state, _query, body, params) => {
    const promotion = promotionOf(state, params.id);
    if (!promotion) return notFound('The promotion was not found.');
    const {
      id: _id,
      current_uses: _uses,
      redemption_type: _type,
      created_from: _from,
      ...changes
    } = body as Partial<Promotion>;
    Object.assign(promotion, changes);
    return { status: 200, body: { data: promotion, meta: {} } };
  },

  // The control panel deletes a promotion with its codes; the bulk endpoint refuses (below).
  deletePromotion: (state, _query, _body, params) => {
    state.promotions = state.promotions.filter((p) => p.id !== Number(params.id));
    state.couponCodes = state.couponCodes.filter((c) => c.promotion_id !== Number(params.id));
    return { status: 204 };
  },

  deletePromotions: (state, query) => {
    const requested = ids(query['id:in']);
    const withCodes = requested.filter((id) => state.couponCodes.some((c) => c.promotion_id === id));
    state.promotions = state.promotions.filter((p) => !requested.includes(p.id) || withCodes.includes(p.id));
    if (!withCodes.length) return { status: 204 };
    const errors = Object.fromEntries(
      withCodes.map((id) => [
        `${requested.indexOf(id)}.code`,
        `Failed for id=${id}. Error: some relating codes are still present.`,
      ]),
    );
    return {
      status: 422,
      body: {
        errors: [problem(422, 'Errors occurred in bulk delete action.', errors).body],
        meta: { total: requested.length, success: requested.length - withCodes.length, failed: withCodes.length },
      },
    };
  },

  getPromotionCodes: (state, query, _body, params) => {
    const promotion = promotionOf(state, params.promotion_id);
    return promotion ? listCodes(state, promotion.id, query) : notFound('The promotion was not found.');
  },

  createPromotionCode: (state, _query, body, params) => {
    const promotion = promotionOf(state, params.promotion_id);
    if (!promotion) return notFound('The promotion was not found.');
    const input = body as { code: string; max_uses?: number; max_uses_per_customer?: number };
    if (!CODE_CHARACTERS.test(input.code))
      return unprocessable('Only letters, numbers, white spaces, underscores, and hyphens are allowed.', {
        code: input.code,
      });
    if (state.couponCodes.some((c) => c.code.toLowerCase() === input.code.toLowerCase())) {
      return problem(409, 'Coupon code already exists.', { code: input.code });
    }
    const code: CouponCode = {
      id: state.newId(),
      promotion_id: promotion.id,
      code: input.code,
      current_uses: 0,
      max_uses: input.max_uses ?? 0,
      max_uses_per_customer: input.max_uses_per_customer ?? 0,
      created: now(),
    };
    state.couponCodes.push(code);
    return { status: 201, body: { data: codeBody(code), meta: {} } };
  },

  deleteCouponCodes: (state, query, _body, params) => {
    const remove = new Set(ids(query['id:in']));
    state.couponCodes = state.couponCodes.filter(
      (c) => !(c.promotion_id === Number(params.promotion_id) && remove.has(c.id)),
    );
    return { status: 204 };
  },

  getCouponCodeByCode: (state, query) => {
    const code = state.couponCodes.find((c) => c.code.toLowerCase() === String(query.code).toLowerCase());
    const data = code ? [codeBody(code)] : [];
    return { status: 200, body: { data, meta: { pagination: pagination(data.length, 50, 1) } } };
  },

  deleteCouponCodeByCode: (state, query) => {
    state.couponCodes = state.couponCodes.filter((c) => c.code.toLowerCase() !== String(query.code).toLowerCase());
    return { status: 204 };
  },

  deleteCouponCode: (state, _query, _body, params) => {
    state.couponCodes = state.couponCodes.filter(
      (c) => !(c.promotion_id === Number(params.promotion_id) && c.id === Number(params.code_id)),
    );
    return { status: 204 };
  },
};
