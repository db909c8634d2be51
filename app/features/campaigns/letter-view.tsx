import { paragraphs } from "~/lib/paragraphs";

/** A rendered letter as paragraphs; React escapes every line. */
export function LetterText({ text }: { text: string }) {
  return (
    <div className="letter-text">
      {paragraphs(text).map((lines, index) => (
        <p key={index}>
          {lines.map((line, i) => (
            <span key={i}>
              {i > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      ))}
    </div>
  );
}
