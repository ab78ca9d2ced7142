// One screen of the form: its heading takes the focus when it appears, so a screen reader
// starts there and the page is scrolled to its top.
import { useEffect, useRef, type ReactNode } from 'react';

export function Screen({ title, lead, children, testId }: { title: string; lead?: ReactNode; children?: ReactNode; testId: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus({ preventScroll: true });
  }, [testId]);
  return (
    <section className="screen" data-testid={testId}>
      <h1 className="screen__title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {lead && <p className="screen__lead">{lead}</p>}
      {children}
    </section>
  );
}

/** The screen's buttons: the main one first (full width), then the way back. */
export function Actions({ children }: { children: ReactNode }) {
  return <div className="actions">{children}</div>;
}
