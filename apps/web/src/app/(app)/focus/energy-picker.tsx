'use client';

import styles from './focus.module.css';

const LABELS = ['', 'drained', 'low', 'okay', 'good', 'full of energy'];

/** Energy 1-5 as a row of radio buttons; choosing the chosen one again clears it. */
export function EnergyPicker({
  legend,
  value,
  onChange,
  name,
}: {
  legend: string;
  value: number | null;
  onChange: (value: number | null) => void;
  name: string;
}) {
  return (
    <fieldset className={styles.energy}>
      <legend>{legend}</legend>
      {[1, 2, 3, 4, 5].map((n) => (
        <label key={n} className={styles.energyOption} title={LABELS[n]}>
          <input
            type="radio"
            name={name}
            value={n}
            checked={value === n}
            onChange={() => onChange(n)}
            onClick={() => {
              if (value === n) onChange(null);
            }}
          />
          <span>{n}</span>
          <span className="visually-hidden"> ({LABELS[n]})</span>
        </label>
      ))}
    </fieldset>
  );
}
