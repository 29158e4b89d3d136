"use client";
// The homepage's grid of tiles. A client component on purpose: its props are the tiles' plain data,
// which is a fraction of the size of the tiles' element tree in the React Server Components payload,
// and rendering them is most of what the homepage costs the server (see BENCHMARKS.md). It gets one
// page of tiles (TILES_PER_PAGE), never the whole fleet, so its props stay the same size as it grows.
import type { Tile } from "@/lib/devices/tile";
import { DeviceCard } from "./device-card";

export function DeviceTiles({ tiles }: { tiles: Tile[] }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4" aria-label="Devices">
      {tiles.map((tile) => (
        <DeviceCard key={tile.id} tile={tile} />
      ))}
    </ul>
  );
}
