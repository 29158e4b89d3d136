"use client";
// What a chart learns only in the browser: the viewer's time zone (the server renders in UTC and
// the client settles it after hydration, so the two never disagree) and its own width, for how
// many tick labels fit.
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { runtimeTimeZone } from "@/lib/devices/chart-zone";

const noop = () => () => {};

export function useChartFrame<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  const timeZone = useSyncExternalStore(noop, runtimeTimeZone, () => "UTC");
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry!.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width, timeZone };
}
