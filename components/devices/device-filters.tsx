// Search, status filter and sort for the homepage's tiles. They apply as they change and live in
// the URL (LiveFilterForm), so the view can be shared or reloaded; without JavaScript the form
// submits with its button. The form has no page field on purpose: a new search, filter or sort
// starts again at page 1.
import { FILTER_CONTROL, FILTER_LABEL, FilterButtons, FilterSelect, NoMatch } from "@/components/ui/filter-parts";
import { LiveFilterForm } from "@/components/ui/live-filter-form";
import { clearedFilterHref, isFiltered, SORTS, type DeviceFilter } from "@/lib/devices/filter";

const STATUSES: Record<DeviceFilter["status"], string> = { all: "All", online: "Online", offline: "Offline", disabled: "Disabled", alerts: "With alerts" };

export function DeviceFilters({ filter }: { filter: DeviceFilter }) {
  return (
    <LiveFilterForm label="Devices" defaults={{ status: "all", sort: "name" }} className="mb-4 flex flex-wrap items-end gap-3">
      <div className="min-w-48 flex-1">
        <label htmlFor="device-search" className={FILTER_LABEL}>Search</label>
        <input id="device-search" type="search" name="q" defaultValue={filter.q} maxLength={80} placeholder="Name or location" autoComplete="off" className={FILTER_CONTROL} />
      </div>
      <FilterSelect id="device-status" name="status" label="Status" value={filter.status} options={STATUSES} />
      <FilterSelect id="device-sort" name="sort" label="Sort by" value={filter.sort} options={SORTS} />
      <FilterButtons clearHref={isFiltered(filter) ? clearedFilterHref(filter) : undefined} />
    </LiveFilterForm>
  );
}

/** Where a search or filter matches no devices: say so, and offer the way back to all of them. */
export function NoDevicesMatch({ filter }: { filter: DeviceFilter }) {
  return <NoMatch what="devices" clearHref={clearedFilterHref(filter)} />;
}
