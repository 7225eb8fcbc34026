import type { ComponentChildren } from 'preact';
import type { SessionInfo } from '../api.ts';
import { hrefOf, type Route } from '../route.ts';

/** The sections of the app and the permission each needs (the server decides; this only hides links). */
export const SECTIONS = [
  { page: 'overview', label: 'Overview', permission: 'overview:read' },
  { page: 'linkage', label: 'Linkage review', permission: 'linkage:review' },
  { page: 'estimates', label: 'Estimates', permission: 'estimates:read' },
] as const;

export type SectionPage = (typeof SECTIONS)[number]['page'];

/** The section a route belongs to (an entity belongs to linkage review, a run to estimates). */
export function sectionOf(route: Route): SectionPage {
  if (route.page === 'entity') return 'linkage';
  if (route.page === 'estimate') return 'estimates';
  return route.page;
}

export function mayOpen(session: SessionInfo, page: SectionPage): boolean {
  const section = SECTIONS.find((candidate) => candidate.page === page);
  return section !== undefined && session.permissions.includes(section.permission);
}

/** The frame of every signed-in page: who is signed in, the sections the role may open, sign out. */
export function Shell({
  session,
  route,
  onSignOut,
  children,
}: {
  session: SessionInfo;
  route: Route;
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  const current = sectionOf(route);
  return (
    <>
      <header class="top">
        <strong>SIREN</strong>
        <nav aria-label="Sections">
          {SECTIONS.filter((section) => mayOpen(session, section.page)).map((section) => (
            <a
              key={section.page}
              href={hrefOf({ page: section.page })}
              aria-current={current === section.page ? 'page' : undefined}
            >
              {section.label}
            </a>
          ))}
        </nav>
        <span class="who">
          {session.user.email} · {session.role.replace('_', ' ')} · {session.organisation}
        </span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main class="page">{children}</main>
    </>
  );
}
