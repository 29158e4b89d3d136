// A route's path that may break after each slash, rather than inside a word, on a narrow screen.
import { Fragment } from "react";

export function PathText({ path }: { path: string }) {
  return path.split("/").map((part, i) => (
    <Fragment key={i}>
      {i > 0 && (
        <>
          /<wbr />
        </>
      )}
      {part}
    </Fragment>
  ));
}
