// How a reading reads: a few significant decimals and its unit, or a dash when there is none.
const number = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

export function formatReading(value: number | null, unit: string): string {
  if (value === null) return "—";
  return unit ? `${number.format(value)} ${unit}` : number.format(value);
}
