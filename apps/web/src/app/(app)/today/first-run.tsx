'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import styles from './today.module.css';

const DISMISSED_KEY = 'proxy.first-run.dismissed';
const SLOTS = ['First thing', 'Second thing', 'Third thing'] as const;
const PLACEHOLDERS = ['Reply to Sam ~5m', 'Book the dentist #health', 'Water the plants'] as const;

type Added = { id: string; title: string };

/**
 * The optional first run: three things out of the head, one picked, a start. A newcomer lands
 * here from sign-up (`?welcome=1`); anyone with nothing open is offered it, once, until they say
 * no. Every step can be skipped, and nothing here is needed to use the app.
 */
export function FirstRun({ welcome, empty }: { welcome: boolean; empty: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(welcome);
  const [dismissed, setDismissed] = useState(true);
  // Read after mount: the server does not know what this browser declined.
  useEffect(() => {
    setDismissed(window.localStorage.getItem(DISMISSED_KEY) === '1');
  }, []);

  /** `stay`: the person remains on Today (drop `?welcome`); otherwise they are leaving anyway. */
  const close = (stay = true) => {
    window.localStorage.setItem(DISMISSED_KEY, '1');
    setDismissed(true);
    setOpen(false);
    if (welcome && stay) router.replace('/today');
  };

  if (open) return <Steps onClose={close} />;
  if (!empty || dismissed) return null;
  return (
    <section className={`card ${styles.firstRunOffer}`} aria-labelledby="first-run-offer">
      <h2 id="first-run-offer">New here? Start with three things</h2>
      <p className={styles.muted}>
        Two minutes: get three things out of your head, pick one, and begin.
      </p>
      <div className={styles.actions}>
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Show me
        </button>
        <button type="button" className="button button-quiet" onClick={() => close()}>
          No thanks
        </button>
      </div>
    </section>
  );
}

function Steps({ onClose }: { onClose: (stay: boolean) => void }) {
  const [step, setStep] = useState<1 | 2 | 3>(1);
  const [added, setAdded] = useState<Added[]>([]);
  const [picked, setPicked] = useState<Added>();
  const heading = useRef<HTMLHeadingElement>(null);
  // Each step's heading takes focus, so a screen reader hears where the person is.
  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  return (
    <section className={`card ${styles.firstRun}`} aria-labelledby="first-run-heading">
      <p className={styles.nextLabel}>Getting started · step {step} of 3</p>
      <h2 id="first-run-heading" ref={heading} tabIndex={-1}>
        {step === 1
          ? 'What is on your mind?'
          : step === 2
            ? 'Pick one for now'
            : `Start with "${picked?.title ?? ''}"`}
      </h2>
      {step === 1 ? (
        <AddThree
          onAdded={(tasks) => {
            setAdded(tasks);
            if (tasks.length === 1) {
              setPicked(tasks[0]);
              setStep(3);
            } else setStep(2);
          }}
        />
      ) : step === 2 ? (
        <PickOne
          tasks={added}
          onPicked={(task) => {
            setPicked(task);
            setStep(3);
          }}
        />
      ) : picked ? (
        <Start task={picked} onDone={onClose} />
      ) : null}
      {step < 3 ? (
        <button type="button" className="button button-quiet" onClick={() => onClose(true)}>
          Skip for now
        </button>
      ) : null}
    </section>
  );
}

function AddThree({ onAdded }: { onAdded: (tasks: Added[]) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [texts, setTexts] = useState(['', '', '']);
  const [error, setError] = useState<string>();
  const add = useMutation(trpc.tasks.quickAdd.mutationOptions());

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const wanted = texts.map((t) => t.trim()).filter(Boolean);
    if (wanted.length === 0) {
      setError('Write at least one thing, however small.');
      return;
    }
    setError(undefined);
    const tasks: Added[] = [];
    try {
      // One at a time, in the order written, so the inbox shows them as they were thought of.
      for (const text of wanted) {
        const task = await add.mutateAsync({ text });
        tasks.push({ id: task.id, title: task.title });
      }
    } catch (err) {
      const info = apiErrorInfo(err);
      setError(info.fieldErrors.text?.[0] ?? info.message);
      if (tasks.length === 0) return;
    }
    void queryClient.invalidateQueries(trpc.tasks.pathFilter());
    onAdded(tasks);
  };

  return (
    <form className={styles.firstRunForm} onSubmit={submit} noValidate>
      <p className={styles.muted}>
        Anything at all: big, small, silly. Writing it down means you do not have to hold it.
      </p>
      {SLOTS.map((label, i) => (
        <div key={label} className={styles.add}>
          <label htmlFor={`${id}-${i}`}>{label}</label>
          <input
            id={`${id}-${i}`}
            type="text"
            value={texts[i]}
            placeholder={PLACEHOLDERS[i]}
            maxLength={500}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setTexts((t) => t.map((v, j) => (j === i ? e.target.value : v)))}
          />
        </div>
      ))}
      {error ? (
        <p className="form-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
      <div className={styles.actions}>
        <button type="submit" className="button" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add them'}
        </button>
      </div>
    </form>
  );
}

function PickOne({ tasks, onPicked }: { tasks: Added[]; onPicked: (task: Added) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState(tasks[0]?.id ?? '');
  const [error, setError] = useState<string>();
  const plan = useMutation(
    trpc.tasks.planToday.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.tasks.pathFilter()),
      onError: (e) => setError(apiErrorInfo(e).message),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const task = tasks.find((t) => t.id === choice);
    if (!task) return;
    setError(undefined);
    plan.mutate({ id: task.id }, { onSuccess: () => onPicked(task) });
  };
  return (
    <form className={styles.firstRunForm} onSubmit={submit}>
      <fieldset className={styles.firstRunChoices}>
        <legend className={styles.muted}>
          Not the most important one: the one that feels easiest to begin.
        </legend>
        {tasks.map((t) => (
          <label key={t.id} className={styles.firstRunChoice}>
            <input
              type="radio"
              name="first-run-pick"
              value={t.id}
              checked={choice === t.id}
              onChange={() => setChoice(t.id)}
            />
            <span>{t.title}</span>
          </label>
        ))}
      </fieldset>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className={styles.actions}>
        <button type="submit" className="button" disabled={plan.isPending}>
          Put it on Today
        </button>
      </div>
    </form>
  );
}

function Start({ task, onDone }: { task: Added; onDone: (stay: boolean) => void }) {
  return (
    <>
      <p className={styles.muted}>
        It is on Today. A short focus session is plenty for a first go (there is a ten-minute
        burst), and stopping early still counts.
      </p>
      <div className={styles.actions}>
        <Link className="button" href={`/focus?task=${task.id}`} onClick={() => onDone(false)}>
          Start a focus session
        </Link>
        <button type="button" className="button button-secondary" onClick={() => onDone(true)}>
          I will start on my own
        </button>
      </div>
    </>
  );
}
