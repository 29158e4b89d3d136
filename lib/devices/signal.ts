// Plausible readings for the demo seed and the simulator: a daily cycle, a slow drift and noise,
// from a seeded generator so that the same device always tells the same story.
import { DAY_MS } from "@/lib/time";
import type { MetricSpec, SignalSpec } from "./catalog";

/** mulberry32: a small, fast, seedable PRNG; good enough for demo data, never for secrets. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SignalState = { random: () => number; phase: number; drift: number };

export function signalState(seed: number): SignalState {
  const random = seededRandom(seed);
  return { random, phase: random() * DAY_MS, drift: (random() - 0.5) * 2 };
}

/** The reading at `time` (ms). Noise comes from the state's generator, so call in time order. */
export function signalValue(spec: SignalSpec, state: SignalState, time: number): number {
  const day = Math.sin((2 * Math.PI * (time + state.phase)) / DAY_MS);
  const week = Math.sin((2 * Math.PI * time) / (7 * DAY_MS));
  const noise = (state.random() + state.random() + state.random() - 1.5) * spec.noise;
  const value = spec.base + spec.swing * day + spec.swing * 0.3 * state.drift * week + noise;
  return Math.round(Math.min(spec.max, Math.max(spec.min, value)) * 100) / 100;
}

/** Changes to a kind's signals, by metric key: how one demo device differs from its kind. */
export type SignalChanges = Partial<Record<string, Partial<SignalSpec>>>;

export function signalFor(metric: MetricSpec, changes?: SignalChanges): SignalSpec {
  return { ...metric.signal, ...changes?.[metric.key] };
}
