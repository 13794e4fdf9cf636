// Room for what the key pool will show later about each key: its balance at the provider, a health score
// and a "check now" button. Nothing renders yet; the key table and the key page already place these.

/** Extra columns of the key table (same shape as Table's columns): balance, health score, check now. */
export const insightColumns = [];

/** The key page's box for the same figures: renders nothing until they exist. */
export function KeyInsights() {
  return null;
}
