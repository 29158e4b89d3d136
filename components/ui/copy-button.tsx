"use client";
// Copies a text to the clipboard and says so in a polite live region; says how to copy by hand
// when the browser refuses (an insecure origin, a denied permission).
import { useState } from "react";
import { BUTTON } from "./styles";

type Props = {
  text: string;
  label: string;
  /** What the live region says once copied. */
  copiedMessage?: string;
  /** What the text is called in the copy-by-hand advice. */
  noun?: string;
  className?: string;
};

export function CopyButton({ text, label, copiedMessage = "Copied", noun = "text", className = "flex flex-wrap items-center gap-2" }: Props) {
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  async function copyText() {
    try {
      await navigator.clipboard.writeText(text);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <div className={className}>
      <button type="button" onClick={copyText} className={BUTTON.secondary}>
        {label}
      </button>
      <span aria-live="polite" className="text-sm text-zinc-700 dark:text-zinc-300">
        {copy === "copied" && copiedMessage}
        {copy === "failed" && `Copying failed: select the ${noun} and copy it by hand.`}
      </span>
    </div>
  );
}
