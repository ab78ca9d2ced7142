// A screen that only says something: submitted, completed, the session gone, no link...
import type { ReactNode } from 'react';
import { Screen } from '../components/Screen';

export function MessageScreen({ title, body, tone, children, testId }: { title: string; body: string; tone: 'success' | 'info' | 'warning'; children?: ReactNode; testId: string }) {
  return (
    <Screen title={title} testId={testId}>
      <div className={`message message--${tone}`}>
        <p className="message__body" data-testid="message-body">
          {body}
        </p>
        {children}
      </div>
    </Screen>
  );
}
