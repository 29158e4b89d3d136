// A small coloured label; its look is the .badge rules in globals.css.
export type BadgeTone = "zinc" | "green" | "amber" | "red" | "violet";

export function Badge({ tone = "zinc", children }: { tone?: BadgeTone; children: React.ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
