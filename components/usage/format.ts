// How counts and rates read on the usage pages.
const counts = new Intl.NumberFormat("en");
const rates = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });

export const formatCount = (n: number) => counts.format(n);
export const formatRate = (rate: number) => rates.format(rate);
