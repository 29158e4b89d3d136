"use client";
// Light and dark themes: follows the system until the person picks one, remembered in localStorage.
import { ThemeProvider as NextThemesProvider } from "next-themes";

/** `nonce`: this response's script nonce, for the inline script that sets the theme before paint. */
export function ThemeProvider({ nonce, children }: { nonce?: string; children: React.ReactNode }) {
  return (
    <NextThemesProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      {children}
    </NextThemesProvider>
  );
}
