'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import styles from './creature.module.css';
import {
  type CreatureView,
  type LevelView,
  useCreature,
  useReactions,
  withMood,
} from './use-creature';

/** `/creature`: the eggs to choose from, or the creature drawn large with its care and its XP. */
export function CreaturePage() {
  const { pet, level, settle } = useCreature({ calmIntervalMs: 5_000 });
  const reaction = useReactions(level.data, pet.data?.name ?? null);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const totalXp = level.data?.totalXp;
  // New XP means new ledger rows: show them with the bar that moved.
  useEffect(() => {
    if (totalXp !== undefined) void queryClient.invalidateQueries(trpc.xp.ledger.pathFilter());
  }, [totalXp, queryClient, trpc]);

  return (
    <div className={styles.page}>
      <div className="page-header">
        <h1>{pet.data ? pet.data.name : 'Your creature'}</h1>
      </div>
      {pet.isPending ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : pet.data ? (
        <>
          <Creature view={pet.data} reaction={reaction} onChange={settle} />
          <Progress level={pet.data.level} />
        </>
      ) : (
        <>
          <EggChooser onHatched={settle} />
          {level.data && level.data.totalXp > 0 ? <Progress level={level.data} /> : null}
        </>
      )}
      <Ledger />
    </div>
  );
}

function Creature({
  view,
  reaction,
  onChange,
}: {
  view: CreatureView;
  reaction: ReturnType<typeof useReactions>;
  onChange: (view: CreatureView) => void;
}) {
  const trpc = useTRPC();
  const feed = useMutation(trpc.pets.feed.mutationOptions({ onSuccess: onChange }));
  const play = useMutation(trpc.pets.play.mutationOptions({ onSuccess: onChange }));
  const [petted, setPetted] = useState(0);
  const error = feed.error ?? play.error;
  const mood = reaction || play.isSuccess || petted ? 'happy' : view.mood;
  const isEgg = view.stage === 'egg';

  return (
    <section className={`card ${styles.hero}`} aria-labelledby="creature-about">
      <div className={styles.stageWrap}>
        <div
          className={`${styles.drawing} ${reaction ? styles.celebrate : ''}`}
          data-testid="creature-drawing"
          data-stage={view.stage}
          data-mood={mood}
          // The SVG is drawn by core from the seed; the name in its title is escaped there.
          // Safe: our own renderer's output
          dangerouslySetInnerHTML={{ __html: withMood(view.svg, mood) }}
        />
        {reaction ? (
          <p
            key={reaction.id}
            className={`${styles.bubble} ${reaction.kind !== 'xp' ? styles.bigBubble : ''}`}
            data-testid="creature-reaction"
          >
            {reaction.text}
          </p>
        ) : null}
      </div>
      <div className={styles.about}>
        <h2 id="creature-about" className={styles.species}>
          {isEgg ? `An egg, level ${view.level.level}` : `${stageWord(view.stage)} ${view.species}`}
          {!isEgg ? <span className={styles.levelChip}>Level {view.level.level}</span> : null}
        </h2>
        <p className={styles.bio}>{view.biography}</p>
        <p className={styles.traits}>
          {view.personality.join(' · ')} · loves {view.favouriteFood}
        </p>
        <p className={styles.moodLine} aria-live="polite">
          {moodWords(view)}
        </p>
        <Needs view={view} />
        <div className={styles.actions}>
          <button
            type="button"
            className="button"
            disabled={!view.canFeed || feed.isPending}
            onClick={() => feed.mutate({ portions: 1 })}
          >
            {feed.isPending ? 'Feeding…' : `Feed (${view.food} food)`}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={view.plays.available === 0 || play.isPending}
            onClick={() => play.mutate({})}
          >
            {play.isPending
              ? 'Playing…'
              : isEgg
                ? `Keep it warm (${view.plays.available} left)`
                : `Play (${view.plays.available} left)`}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setPetted((n) => n + 1)}
          >
            Pet
          </button>
        </div>
        <p className={styles.hint}>
          {isEgg
            ? 'Eggs do not eat. Finish a task or a focus block and it hatches at level 2.'
            : view.food === 0
              ? 'Finishing tasks and focus blocks earns food.'
              : view.canFeed
                ? null
                : `${view.name} is full for now.`}
        </p>
        {error ? (
          <p className="form-error" role="alert">
            {apiErrorInfo(error).message}
          </p>
        ) : null}
        <Rename view={view} onChange={onChange} />
      </div>
    </section>
  );
}

const STAGE_WORDS: Record<string, string> = {
  egg: 'An egg',
  baby: 'A baby',
  teen: 'A young',
  adult: 'A grown-up',
  elder: 'A wise old',
};
const stageWord = (stage: string) => STAGE_WORDS[stage] ?? '';

function moodWords(view: CreatureView): string {
  switch (view.mood) {
    case 'sleepy':
      return `${view.name} is napping. It missed you, and wakes as soon as you do something.`;
    case 'hungry':
      return `${view.name} is a little hungry.`;
    case 'happy':
      return `${view.name} is happy.`;
    default:
      return `${view.name} is pottering about.`;
  }
}

function Needs({ view }: { view: CreatureView }) {
  const rows = [
    ['Full', view.needs.fullness],
    ['Happy', view.needs.happiness],
    ['Energy', view.needs.energy],
  ] as const;
  return (
    <dl className={styles.needs}>
      {rows.map(([label, value]) => (
        <div key={label} className={styles.need}>
          <dt>{label}</dt>
          <dd>
            <meter
              min={0}
              max={100}
              low={40}
              high={70}
              optimum={100}
              value={value}
              aria-label={label}
            >
              {value}
            </meter>
            <span className={styles.needValue}>{value}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Rename({ view, onChange }: { view: CreatureView; onChange: (v: CreatureView) => void }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(view.name);
  const id = useId();
  const rename = useMutation(
    trpc.pets.rename.mutationOptions({
      onSuccess: (v) => {
        onChange(v);
        setOpen(false);
      },
    }),
  );
  if (!open) {
    return (
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setName(view.name);
          setOpen(true);
        }}
      >
        Rename {view.name}
      </button>
    );
  }
  const error = rename.error ? apiErrorInfo(rename.error) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate({ name });
  };
  return (
    <form className={styles.rename} onSubmit={submit}>
      <label htmlFor={id}>New name</label>
      <input
        id={id}
        value={name}
        maxLength={24}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <button type="submit" className="button button-small" disabled={rename.isPending}>
        Save
      </button>
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => setOpen(false)}
      >
        Cancel
      </button>
      {error ? (
        <p className="form-error" id={`${id}-error`} role="alert">
          {error.fieldErrors.name?.[0] ?? error.message}
        </p>
      ) : null}
    </form>
  );
}

export function Progress({ level }: { level: LevelView }) {
  const percent = Math.round(level.fraction * 100);
  return (
    <section className={`card ${styles.progress}`} aria-labelledby="xp-heading">
      <h2 id="xp-heading">
        Level {level.level} <span className={styles.muted}>· {level.totalXp} XP</span>
      </h2>
      <div
        className={styles.xpBar}
        role="progressbar"
        aria-label="XP toward the next level"
        aria-valuemin={0}
        aria-valuemax={level.nextLevelXp ? level.nextLevelXp - level.levelStartXp : 1}
        aria-valuenow={level.xpIntoLevel}
        data-testid="xp-bar"
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <p className={styles.muted}>
        {level.nextLevelXp
          ? `${level.xpToNext} XP to level ${level.level + 1}`
          : 'The highest level there is.'}
        {level.nextStage ? ` · grows up at level ${level.nextStage.level}` : ''}
      </p>
      <h3>Abilities</h3>
      {level.abilities.length ? (
        <ul className={styles.abilities}>
          {level.abilities.map((a) => (
            <li key={a.id}>
              <strong>{a.name}</strong> {a.description}
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.muted}>None yet.</p>
      )}
      {level.nextAbility ? (
        <p className={styles.muted}>
          At level {level.nextAbility.level}: <strong>{level.nextAbility.name}</strong>{' '}
          {level.nextAbility.description}
        </p>
      ) : null}
    </section>
  );
}

function EggChooser({ onHatched }: { onHatched: (v: CreatureView) => void }) {
  const trpc = useTRPC();
  const offer = useQuery(trpc.pets.eggs.queryOptions());
  const hatch = useMutation(trpc.pets.hatch.mutationOptions({ onSuccess: onHatched }));
  const [name, setName] = useState('');
  const nameId = useId();
  if (offer.isPending) {
    return (
      <p className="loading" role="status">
        Loading the eggs…
      </p>
    );
  }
  if (!offer.data) {
    return (
      <p className="form-error" role="alert">
        {apiErrorInfo(offer.error).message}
      </p>
    );
  }
  const error = hatch.error ? apiErrorInfo(hatch.error) : null;
  return (
    <section className="card" aria-labelledby="eggs-heading">
      <h2 id="eggs-heading">Choose an egg</h2>
      <p className="lede">
        One of these will grow with you. It never gets sick and never runs away: if you are away for
        a while it just naps until you are back.
      </p>
      <div className={styles.nameField}>
        <label htmlFor={nameId}>Name (optional)</label>
        <input
          id={nameId}
          value={name}
          maxLength={24}
          placeholder="Let it name itself"
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error?.fieldErrors.name ? true : undefined}
        />
      </div>
      <ul className={styles.eggs}>
        {offer.data.eggs.map((egg) => (
          <li key={egg.seed} className={styles.egg}>
            <div
              className={styles.eggDrawing}
              // Safe: our own renderer's output
              dangerouslySetInnerHTML={{ __html: egg.eggSvg }}
            />
            <p className={styles.eggSpecies}>A {egg.species} egg</p>
            <p className={styles.muted}>{egg.personality.join(', ')}</p>
            <button
              type="button"
              className="button"
              disabled={hatch.isPending}
              onClick={() => hatch.mutate({ seed: egg.seed, ...(name.trim() ? { name } : {}) })}
            >
              Choose the {egg.species} egg
            </button>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="form-error" role="alert">
          {error.fieldErrors.name?.[0] ?? error.message}
        </p>
      ) : null}
    </section>
  );
}

const SOURCE_WORDS: Record<string, string> = {
  task: 'Task',
  micro_step: 'Step',
  focus_minutes: 'Focus',
  challenge: 'Challenge',
  triage_decision: 'Decision',
  agent_delegated_completion: 'Delegated',
};

function Ledger() {
  const trpc = useTRPC();
  const ledger = useInfiniteQuery(
    trpc.xp.ledger.infiniteQueryOptions(
      { limit: 20 },
      // Refreshed when the XP total changes (see CreaturePage), not on a timer of its own.
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const items = ledger.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">Why did I get this XP?</h2>
      {ledger.isPending ? (
        <p className="loading">Loading…</p>
      ) : items.length === 0 ? (
        <p className={styles.muted}>
          Nothing yet. Finishing a task, a step or a focus block, or deciding to delegate or let
          something go, all count.
        </p>
      ) : (
        <ol className={styles.ledger} data-testid="xp-ledger">
          {items.map((item) => (
            <li key={item.id}>
              <span className={styles.ledgerSource}>
                {SOURCE_WORDS[item.source] ?? item.source}
              </span>
              <span className={styles.ledgerReason}>{item.reason}</span>
              <span className={styles.ledgerAmount}>+{item.amount}</span>
            </li>
          ))}
        </ol>
      )}
      {ledger.hasNextPage ? (
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={ledger.isFetchingNextPage}
          onClick={() => void ledger.fetchNextPage()}
        >
          {ledger.isFetchingNextPage ? 'Loading…' : 'Show older'}
        </button>
      ) : null}
    </section>
  );
}
