"use client";
// Copies a text to the clipboard and says so in a polite live region; says how to copy by hand
// when the browser refuses (an insecure origin, a denied permission).
import { useState } from "react";
import { BUTTON } from "@/components/ui/styles";

export function CopyButton({ text, label }: { text: string; label: string }) {
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
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" onClick={copyText} className={BUTTON.secondary}>
        {label}
      </button>
      <span aria-live="polite" className="text-sm text-zinc-700 dark:text-zinc-300">
        {copy === "copied" && "Copied"}
        {copy === "failed" && "Copying failed: select the text and copy it by hand."}
      </span>
    </div>
  );
}
