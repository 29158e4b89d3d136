// The device API: every method hands the Request to lib/api and returns its Response.
import { handleApiRequest } from "@/lib/api/router";

export const dynamic = "force-dynamic";

const handle = (request: Request) => handleApiRequest(request);

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE, handle as PUT };
