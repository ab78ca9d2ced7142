// The phone form (DESIGN "The phone API"): the link's token (from the address bar's fragment)
// and the company passcode open it; the registrant confirms their name, types their number,
// photographs their documents, adds dependents, reviews and hands it in — or says they will
// not provide their number. What the listener answers decides what is shown: submitted
// (nothing can change), returned (open again, with HR's reason), declined (may still submit),
// locked (complete). Everything typed lives in this component's memory only.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CollectStateValue, DocumentSet } from '../../src-shared/contract/collect';
import type { VaultError } from '../../src-shared/errors';
import { isSessionGone, PhoneApiClient, SESSION_GONE } from './api';
import { Notice } from './components/Notice';
import type { FormStep } from './components/Steps';
import { declineInput, emptyDependent, savedDependent, submissionInput, type DependentDraft } from './form-model';
import { useText } from './i18n';
import { usePhotos } from './photos';
import { ConfirmScreen } from './screens/ConfirmScreen';
import { DeclineScreen } from './screens/DeclineScreen';
import { DependentEditor } from './screens/DependentEditor';
import { DependentsScreen } from './screens/DependentsScreen';
import { DocumentsScreen } from './screens/DocumentsScreen';
import { MessageScreen } from './screens/MessageScreen';
import { NumberScreen } from './screens/NumberScreen';
import { PasscodeScreen } from './screens/PasscodeScreen';
import { ReviewScreen } from './screens/ReviewScreen';

type Phase =
  | 'noLink'
  | 'passcode'
  | 'confirm'
  | 'notMe'
  | FormStep
  | 'dependent'
  | 'decline'
  | 'submitted'
  | 'declinedDone'
  | 'locked'
  | 'sessionGone';

type Opened = CollectStateValue;

interface Editing {
  draft: DependentDraft;
  isNew: boolean;
  filledFromQr: boolean;
  /** Where saving or cancelling goes back to. */
  back: 'dependents' | 'review';
}

/** After this long in the background (the photo app, another tab), the form asks whether its session still stands. */
const RECHECK_AFTER_HIDDEN_MS = 60_000;

export function App({ token }: { token: string | null }) {
  const { text, shared } = useText();
  const [client] = useState(() => new PhoneApiClient());
  const linkToken = useRef(token);
  const [phase, setPhase] = useState<Phase>(token ? 'passcode' : 'noLink');
  const [opened, setOpened] = useState<Opened | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<VaultError | null | undefined>(undefined);
  const [self, setSelf] = useState<{ myNumber: string; filledFromQr: boolean; documentSet: DocumentSet | null }>({ myNumber: '', filledFromQr: false, documentSet: null });
  const [dependents, setDependents] = useState<DependentDraft[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);

  const go = useCallback((next: Phase) => {
    setRefusal(undefined);
    setPhase(next);
  }, []);

  const sessionGone = useCallback(() => {
    client.end();
    go('sessionGone');
  }, [client, go]);

  const photos = usePhotos(client, {
    onQrNumber(subject, number) {
      // Filled in only where nothing was typed yet; otherwise the screen compares the two.
      if (subject === 'self') setSelf((s) => (s.myNumber === '' ? { ...s, myNumber: number, filledFromQr: true } : s));
      else setEditing((e) => (e && e.draft.tempId === subject && e.draft.myNumber === '' ? { ...e, draft: { ...e.draft, myNumber: number }, filledFromQr: true } : e));
    },
    onSessionGone: sessionGone,
  });

  const showState = useCallback(
    (value: Opened) => {
      setOpened(value);
      if (value.state === 'submitted' || value.state === 'locked') {
        client.end();
        go(value.state);
      }
    },
    [client, go],
  );

  // Back from a while away (the camera, another app): the session may have ended, or the form been handed in.
  const filling = phase !== 'noLink' && phase !== 'passcode' && phase !== 'submitted' && phase !== 'locked' && phase !== 'sessionGone' && phase !== 'notMe';
  useEffect(() => {
    if (!filling) return;
    let hiddenAt: number | null = null;
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        hiddenAt = Date.now();
        return;
      }
      if (hiddenAt === null || Date.now() - hiddenAt < RECHECK_AFTER_HIDDEN_MS) return;
      hiddenAt = null;
      void client.state().then((answer) => {
        if (isSessionGone(answer)) sessionGone();
        else if (answer.ok) showState(answer.value);
      });
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [filling, client, sessionGone, showState]);

  // Leaving the page by mistake would lose what was typed: the browser asks first.
  const entered = filling && (self.myNumber !== '' || self.documentSet !== null || dependents.length > 0);
  useEffect(() => {
    if (!entered) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [entered]);

  const open = async (passcode: string, birthDate: string | undefined) => {
    if (!linkToken.current) return;
    setBusy(true);
    setRefusal(undefined);
    const answer = await client.open({ token: linkToken.current, passcode, ...(birthDate ? { birthDate } : {}) });
    setBusy(false);
    if (!answer.ok) {
      setRefusal(answer.error);
      return;
    }
    // The session stands for the link from now on: the token is not kept.
    linkToken.current = null;
    showState(answer.value);
    if (answer.value.state !== 'submitted' && answer.value.state !== 'locked') go('confirm');
  };

  const hand = async (input: Parameters<PhoneApiClient['submit']>[0]) => {
    setBusy(true);
    setRefusal(undefined);
    const answer = await client.submit(input);
    setBusy(false);
    if (!answer.ok) {
      if (answer.error?.messageKey === SESSION_GONE) sessionGone();
      else setRefusal(answer.error);
      return;
    }
    if (answer.value.state === 'submitted') {
      client.end();
      go('submitted');
    } else {
      setOpened((o) => (o ? { ...o, state: 'declined' } : o));
      go('declinedDone');
    }
  };

  const editDependent = (dependent: DependentDraft, back: Editing['back']) => {
    setEditing({ draft: { ...dependent }, isNew: false, filledFromQr: false, back });
    go('dependent');
  };

  const banner =
    opened?.state === 'returned' ? (
      <Notice tone="warning" title={text('returned.title')} testId="returned-reason">
        {opened.returnReason && <p className="reason">{opened.returnReason}</p>}
        <p>{text('returned.body')}</p>
      </Notice>
    ) : opened?.state === 'declined' ? (
      <Notice tone="info" title={text('declinedBefore.title')} testId="declined-before">
        <p>{text('declinedBefore.body')}</p>
      </Notice>
    ) : null;

  switch (phase) {
    case 'noLink':
      return <MessageScreen title={text('link.missingTitle')} body={text('link.missingBody')} tone="info" testId="no-link-screen" />;
    case 'passcode':
      return <PasscodeScreen busy={busy} refusal={refusal} onSubmit={(passcode, birthDate) => void open(passcode, birthDate)} />;
    case 'confirm':
      return <ConfirmScreen displayName={opened?.registrant.displayName ?? ''} onYes={() => go('number')} onNo={() => {
            client.end();
            go('notMe');
          }} />;
    case 'notMe':
      return <MessageScreen title={text('confirm.notMeTitle')} body={text('confirm.notMeBody')} tone="warning" testId="not-me-screen" />;
    case 'number':
      return (
        <NumberScreen
          digits={self.myNumber}
          onDigits={(myNumber) => setSelf((s) => ({ ...s, myNumber, filledFromQr: false }))}
          banner={banner}
          onNext={() => go('documents')}
          onReadFromCard={() => {
            setSelf((s) => ({ ...s, documentSet: 'card' }));
            go('documents');
          }}
          onDecline={() => go('decline')}
        />
      );
    case 'documents':
      return (
        <DocumentsScreen
          set={self.documentSet}
          onSet={(documentSet) => setSelf((s) => ({ ...s, documentSet }))}
          photos={photos}
          digits={self.myNumber}
          filledFromQr={self.filledFromQr}
          onDigits={(myNumber) => setSelf((s) => ({ ...s, myNumber, filledFromQr: false }))}
          onNext={() => go('dependents')}
          onBack={() => go('number')}
        />
      );
    case 'dependents':
      return (
        <DependentsScreen
          dependents={dependents}
          onAdd={() => {
            setEditing({ draft: emptyDependent(), isNew: true, filledFromQr: false, back: 'dependents' });
            go('dependent');
          }}
          onEdit={(d) => editDependent(d, 'dependents')}
          onRemove={(d) => {
            if (!window.confirm(text('dependents.removeConfirm', { name: `${d.familyName} ${d.givenName}` }))) return;
            setDependents((list) => list.filter((x) => x.tempId !== d.tempId));
            photos.forget(d.tempId);
          }}
          onNext={() => go('review')}
          onBack={() => go('documents')}
        />
      );
    case 'dependent':
      if (!editing) return null;
      return (
        <DependentEditor
          draft={editing.draft}
          isNew={editing.isNew}
          filledFromQr={editing.filledFromQr}
          photos={photos}
          onChange={(patch) =>
            setEditing((e) => (e ? { ...e, draft: { ...e.draft, ...patch }, filledFromQr: 'myNumber' in patch ? false : e.filledFromQr } : e))
          }
          onSave={() => {
            const saved = savedDependent(editing.draft);
            setDependents((list) => (editing.isNew ? [...list, saved] : list.map((d) => (d.tempId === saved.tempId ? saved : d))));
            setEditing(null);
            go(editing.back);
          }}
          onCancel={() => {
            if (editing.isNew) photos.forget(editing.draft.tempId);
            setEditing(null);
            go(editing.back);
          }}
        />
      );
    case 'review':
      if (!self.documentSet) return null;
      return (
        <ReviewScreen
          displayName={opened?.registrant.displayName ?? ''}
          digits={self.myNumber}
          documentSet={self.documentSet}
          dependents={dependents}
          photos={photos}
          busy={busy}
          refusal={refusal}
          onEdit={go}
          onEditDependent={(d) => editDependent(d, 'review')}
          onSubmit={() => {
            if (self.documentSet) void hand(submissionInput({ myNumber: self.myNumber, documentSet: self.documentSet, dependents }, photos.documentIdOf));
          }}
        />
      );
    case 'decline':
      return <DeclineScreen busy={busy} refusal={refusal} onSubmit={(reason) => void hand(declineInput(reason))} onBack={() => go('number')} />;
    case 'submitted':
      return (
        <MessageScreen title={text('done.submittedTitle')} body={text('done.submittedBody')} tone="success" testId="submitted-screen">
          <p className="message__hint">{text('done.submittedHint')}</p>
        </MessageScreen>
      );
    case 'declinedDone':
      return (
        <MessageScreen title={text('done.declinedTitle')} body={text('done.declinedBody')} tone="info" testId="declined-screen">
          <p className="message__hint">{text('done.declinedChangeMind')}</p>
          <button type="button" className="button button--secondary" onClick={() => go('number')}>
            {text('done.submitAnyway')}
          </button>
        </MessageScreen>
      );
    case 'locked':
      return <MessageScreen title={text('done.lockedTitle')} body={text('done.lockedBody')} tone="success" testId="locked-screen" />;
    case 'sessionGone':
      return <MessageScreen title={text('done.sessionGoneTitle')} body={shared({ key: SESSION_GONE })} tone="warning" testId="session-gone-screen" />;
  }
}
