"use client";
// The chart's buckets as a CSV file, built in the browser from the points the chart already holds:
// no second request, and nothing but the numbers on screen.
import { BUTTON } from "@/components/ui/styles";
import { chartCsv } from "@/lib/devices/chart-csv";
import type { ChartPoint } from "@/lib/devices/chart-points";

export function CsvDownload({ points, fileName, label }: { points: ChartPoint[]; fileName: string; label: string }) {
  function download() {
    const url = URL.createObjectURL(new Blob([chartCsv(points)], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    // After the click has handed the file over.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return (
    <button type="button" onClick={download} className={`${BUTTON.secondary} px-2 py-1 text-xs`}>
      Download CSV<span className="sr-only"> of {label}</span>
    </button>
  );
}
