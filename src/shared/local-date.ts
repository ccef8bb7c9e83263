/** The reader's calendar day as YYYY-MM-DD, in their own time zone (`toISOString()` gives UTC's day). */
export function localIsoDate(at: Date = new Date()): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
}
