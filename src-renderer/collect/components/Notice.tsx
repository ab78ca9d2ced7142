// A boxed message: information, success, a warning or an error (read out when it appears).
import type { ReactNode } from 'react';

export function Notice({ tone, title, children, testId }: { tone: 'info' | 'success' | 'warning' | 'error'; title?: string; children?: ReactNode; testId?: string }) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {title && <p className="notice__title">{title}</p>}
      {children && <div className="notice__body">{children}</div>}
    </div>
  );
}
