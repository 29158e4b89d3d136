// The frame of the pages one reaches signed out (sign in, set a password): a narrow centred
// column under the name, with the theme toggle.
import { ThemeToggle } from "@/components/theme/theme-toggle";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-between">
          <p className="flex items-center gap-2 text-lg font-semibold tracking-tight">
            <span aria-hidden className="inline-block size-6 rounded-md bg-sky-600" />
            Gatehouse
          </p>
          <ThemeToggle />
        </div>
        {children}
      </div>
    </main>
  );
}
