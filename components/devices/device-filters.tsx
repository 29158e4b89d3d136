// Search, status filter and sort for the homepage's tiles. They apply as they change and live in
// the URL (LiveFilterForm), so the view can be shared or reloaded; without JavaScript the form
// submits with its button. The form has no page field on purpose: a new search, filter or sort
// starts again at page 1.
import Link from "next/link";
import { LiveFilterForm } from "@/components/ui/live-filter-form";
import { BUTTON } from "@/components/ui/styles";
import { clearedFilterHref, isFiltered, SORTS, type DeviceFilter } from "@/lib/devices/filter";

const control = "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const label = "text-sm font-medium";

export function DeviceFilters({ filter }: { filter: DeviceFilter }) {
  return (
    <LiveFilterForm label="Devices" defaults={{ status: "all", sort: "name" }} className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-48 flex-1">
        <label htmlFor="device-search" className={label}>Search</label>
        <input id="device-search" type="search" name="q" defaultValue={filter.q} maxLength={80} placeholder="Name or location" autoComplete="off" className={control} />
      </div>
      <div>
        <label htmlFor="device-status" className={label}>Status</label>
        <select id="device-status" name="status" defaultValue={filter.status} className={control}>
          <option value="all">All</option>
          <option value="online">Online</option>
          <option value="offline">Offline</option>
          <option value="disabled">Disabled</option>
          <option value="alerts">With alerts</option>
        </select>
      </div>
      <div>
        <label htmlFor="device-sort" className={label}>Sort by</label>
        <select id="device-sort" name="sort" defaultValue={filter.sort} className={control}>
          {Object.entries(SORTS).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-2">
        {/* Secondary: the filters apply as they change; this is for a page whose script has not loaded. */}
        <button type="submit" className={BUTTON.secondary}>
          Apply
        </button>
        {isFiltered(filter) && (
          <Link href={clearedFilterHref(filter)} className={BUTTON.secondary}>
            Clear filters
          </Link>
        )}
      </div>
    </LiveFilterForm>
  );
}

/** Where a search or filter matches no device: say so, and offer the way back to all of them. */
export function NoDevicesMatch({ filter }: { filter: DeviceFilter }) {
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 p-6 text-center text-sm dark:border-zinc-700" data-testid="no-match">
      <p>No devices match this search.</p>
      <p className="mt-2">
        <Link href={clearedFilterHref(filter)} className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
          Clear filters
        </Link>
      </p>
    </div>
  );
}
