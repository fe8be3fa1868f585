/** Number and text formatting for the page. */

/** A number with about four significant digits (as the CLI prints metrics). */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e6 ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON text safe inside <script type="application/json">: no "</script", no "<!--". */
export function scriptJson(value: unknown, significantDigits = 7): string {
  const round = (_key: string, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(significantDigits)) : v);
  return JSON.stringify(value, round).replace(/</g, '\\u003c');
}

/** A path relative to the page as a URL path (each segment encoded, '/' separators). */
export function urlPath(relative: string): string {
  return relative.split(/[\\/]/).map(encodeURIComponent).join('/');
}
