// Above a person's own tokens: the scopes their tokens hold but have not used in 30 days, with
// the advisor's remedy for each. Nothing at all until there is something to do: a token younger
// than 30 days is only named as too new to judge, beside the ones that can be judged.
import type { Person } from "@/lib/access/caller";
import type { FormState } from "@/lib/form-state";
import { tokenAdvice } from "@/lib/monitor/advisor";
import { scopesOfRoute } from "@/lib/server/route-scopes";
import type { ServerAction } from "@/components/ui/use-form-action";
import { AdviceList } from "./advice-list";

type Props = { person: Person; narrowAction: ServerAction<FormState>; revokeAction: ServerAction<FormState> };

export async function AdvisorNotice({ person, narrowAction, revokeAction }: Props) {
  const advice = await tokenAdvice(person, scopesOfRoute, { userId: person.userId });
  const judged = advice.filter((item) => item.verdict !== "too_new");
  const tooNew = advice.filter((item) => item.verdict === "too_new").map((item) => `“${item.name}”`);
  if (judged.length === 0) return null;
  return (
    <section aria-labelledby="advisor-heading" className="mb-6">
      <h2 id="advisor-heading" className="mb-1 font-medium">Scopes your tokens do not use</h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        A token that holds only what it uses does less harm if it leaks. Based on the last 30 days of requests.
        {tooNew.length > 0 && ` Too new to judge: ${tooNew.join(", ")}.`}
      </p>
      <AdviceList advice={judged} narrowAction={narrowAction} revokeAction={revokeAction} />
    </section>
  );
}
