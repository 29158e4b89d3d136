// What does not fit a phone's screen: the page's own sideways scroll, and each control in <main>
// past the screen's edges outside a labelled scroll region (e2e/phone.spec.ts).
import type { Page } from "@playwright/test";

export type Fit = { scrollWidth: number; innerWidth: number; offscreen: string[] };

/**
 * What does not fit: the page's own scroll width, and each visible control in <main> that reaches
 * past the screen's edges without a labelled scroll region (role=region, or a <section>, with a name
 * and overflow-x auto or scroll) that itself fits around it.
 */
export function measureFit(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const fits = (box: DOMRect) => box.left >= -0.5 && box.right <= width + 0.5;
    const labelledScrollRegion = (el: Element) => {
      const { overflowX } = getComputedStyle(el);
      const region = el.getAttribute("role") === "region" || el.tagName === "SECTION";
      const named = el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby");
      return region && named && (overflowX === "auto" || overflowX === "scroll");
    };
    const offscreen: string[] = [];
    const controls = document.querySelectorAll("main a[href], main button, main [role=button], main input:not([type=hidden]), main select, main textarea, main summary");
    for (const control of controls) {
      const box = control.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (getComputedStyle(control).visibility === "hidden") continue;
      if (fits(box)) continue;
      let scroller = control.parentElement;
      while (scroller && scroller.tagName !== "MAIN" && !labelledScrollRegion(scroller)) scroller = scroller.parentElement;
      if (scroller && scroller.tagName !== "MAIN" && fits(scroller.getBoundingClientRect())) continue;
      const label = (control.getAttribute("aria-label") ?? (control as HTMLElement).innerText ?? "").trim().slice(0, 50);
      offscreen.push(`${control.tagName.toLowerCase()} "${label}" spans ${Math.round(box.left)}–${Math.round(box.right)} px`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, offscreen };
  });
}
