"use client";
// A thin bar at the top of the window while the router fetches the next page: a click on a tile, a
// range or a page of results otherwise leaves the old page standing with no sign that anything is
// happening. It starts on a click on a link of this site, on back and forward, and on a filter's
// router.replace (announceNavigation); it ends when the page on screen changes.
import { usePathname, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useState } from "react";

const START_EVENT = "gatehouse:navigation-start";
/** A navigation that never changes the page (a redirect back to it, a failed fetch) ends here. */
const GIVE_UP_MS = 20_000;

/** Whether a navigation is under way (the bar is up); one bar per page, so one flag. */
let navigating = false;

/**
 * Whether the router is fetching another page: a live page's refresh waits until it is not, since
 * a refresh that lands first makes the router fetch the other page again, and a page slower than
 * the refresh interval would then never arrive.
 */
export function navigationPending(): boolean {
  return navigating;
}

/** For navigations no link click shows: a filter's router.replace. `href` is where it goes. */
export function announceNavigation(href: string) {
  window.dispatchEvent(new CustomEvent(START_EVENT, { detail: href }));
}

/** A page's identity for this purpose: its path and query, the query in one serialisation. */
function pageKey(pathname: string, search: string): string {
  const query = new URLSearchParams(search).toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** The same-origin page a plain left click on a link goes to in this tab, or null. */
function clickedPage(event: MouseEvent): string | null {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute("download")) return null;
  if (anchor.target && anchor.target !== "_self") return null;
  const url = new URL(anchor.href);
  return url.origin === window.location.origin ? pageKey(url.pathname, url.search) : null;
}

// The bar slides across; with reduced motion it stands still, half-lit. It shows only after 150 ms,
// so that a fast navigation does not flash it.
const CSS = `
.route-progress{position:fixed;inset:0 0 auto 0;z-index:60;height:3px;overflow:hidden;pointer-events:none;opacity:0;animation:route-progress-in 1ms linear 150ms forwards}
.route-progress>span{display:block;height:100%;width:40%;background:var(--color-sky-600,#0284c7);animation:route-progress-slide 1.1s ease-in-out infinite}
@keyframes route-progress-in{to{opacity:1}}
@keyframes route-progress-slide{from{transform:translateX(-100%)}to{transform:translateX(250%)}}
@media (prefers-reduced-motion:reduce){.route-progress>span{width:100%;opacity:.6;animation:none}}
`;

function Bar() {
  const current = pageKey(usePathname(), useSearchParams().toString());
  // The page on screen when the navigation began: the bar shows while it is still that page.
  const [from, setFrom] = useState<string | null>(null);
  const [seen, setSeen] = useState(current);
  if (seen !== current) {
    setSeen(current);
    setFrom(null);
  }

  useEffect(() => {
    const start = (target: string | null) => {
      if (target !== null && target !== current) setFrom(current);
    };
    const onClick = (event: MouseEvent) => start(clickedPage(event));
    const onAnnounce = (event: Event) => {
      const href = (event as CustomEvent<string>).detail;
      const url = new URL(href, window.location.href);
      start(pageKey(url.pathname, url.search));
    };
    const onPopState = () => start(pageKey(window.location.pathname, window.location.search));
    // Back to this page from the browser's cache after a full load elsewhere: nothing is loading.
    const onPageShow = () => setFrom(null);
    document.addEventListener("click", onClick);
    window.addEventListener(START_EVENT, onAnnounce);
    window.addEventListener("popstate", onPopState);
    window.addEventListener("pageshow", onPageShow);
    return () => {
      document.removeEventListener("click", onClick);
      window.removeEventListener(START_EVENT, onAnnounce);
      window.removeEventListener("popstate", onPopState);
      window.removeEventListener("pageshow", onPageShow);
    };
  }, [current]);

  const loading = from !== null && from === current;
  useEffect(() => {
    navigating = loading;
    if (!loading) return;
    const timer = setTimeout(() => setFrom(null), GIVE_UP_MS);
    return () => {
      clearTimeout(timer);
      navigating = false;
    };
  }, [loading]);

  if (!loading) return null;
  return (
    <div role="progressbar" aria-label="Loading the page" aria-valuetext="Loading" className="route-progress" data-testid="route-progress">
      <style>{CSS}</style>
      <span />
    </div>
  );
}

/** The bar, in its own Suspense boundary: reading the query string must not hold up the page. */
export function RouteProgress() {
  return (
    <Suspense fallback={null}>
      <Bar />
    </Suspense>
  );
}
