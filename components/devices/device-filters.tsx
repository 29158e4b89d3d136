// Search, status filter and sort as a plain GET form: it works without JavaScript, and the URL
// keeps the view, so it can be shared or reloaded. The form has no page field on purpose: a new
// search, filter or sort starts again at page 1.
import { BUTTON } from "@/components/ui/styles";
import { SORTS, type DeviceFilter } from "@/lib/devices/filter";

const control = "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const label = "text-sm font-medium";

export function DeviceFilters({ filter }: { filter: DeviceFilter }) {
  return (
    <form role="search" aria-label="Devices" method="get" className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-48 flex-1">
        <label htmlFor="device-search" className={label}>Search</label>
        <input id="device-search" type="search" name="q" defaultValue={filter.q} maxLength={80} placeholder="Name or location" className={control} />
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
      <button type="submit" className={BUTTON.primary}>
        Apply
      </button>
    </form>
  );
}
