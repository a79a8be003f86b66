import { useMemo } from 'react';
import { wordDifferences, type WordSpan } from '../../conflicts/wordDiff.ts';

/** What a side is called: above its version ("Phone · 10:42"), and in a sentence ("Phone"). */
export interface SideName {
  label: string;
  /** Mid-sentence: "Changed on the other device". */
  who: string;
}

export interface SideNames {
  mine: SideName;
  theirs: SideName;
}

/**
 * Two versions of one value side by side (with the value before both changes, when known), the
 * words each has and the other lacks highlighted. Values are shown as text: `(empty)` for none.
 */
export function Sides({
  base,
  mine,
  theirs,
  names,
}: {
  base?: string;
  mine: string;
  theirs: string;
  names: SideNames;
}) {
  const spans = useMemo(() => wordDifferences(mine, theirs), [mine, theirs]);
  return (
    <dl className="conflict-sides">
      {base !== undefined && (
        <div>
          <dt>Before both changes</dt>
          <dd>{shown(base)}</dd>
        </div>
      )}
      <div className="side-mine">
        <dt>{names.mine.label}</dt>
        <dd>{mine === '' ? EMPTY : <Highlighted spans={spans.mine} />}</dd>
      </div>
      <div className="side-theirs">
        <dt>{names.theirs.label}</dt>
        <dd>{theirs === '' ? EMPTY : <Highlighted spans={spans.theirs} />}</dd>
      </div>
    </dl>
  );
}

const EMPTY = <span className="empty-value">(empty)</span>;

const shown = (text: string) => (text === '' ? EMPTY : text);

/** Words the other side lacks are marked (a colour and an underline: not colour alone). */
function Highlighted({ spans }: { spans: WordSpan[] }) {
  return spans.map((span, index) =>
    span.differs ? <mark key={index}>{span.text}</mark> : span.text,
  );
}
