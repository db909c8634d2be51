import type { ReactNode } from "react";

/**
 * A wide table's horizontal scroller (`.table-wrap`) that a keyboard can reach: a named, focusable
 * region, so that people without a pointer can scroll it with the arrow keys (WCAG 2.1.1). Use it
 * for tables without links or buttons of their own, which would otherwise give the focus a way in.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
