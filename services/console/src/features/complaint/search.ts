import { z } from 'zod';

/** The complaint page's URL: `asOf` shows the complaint as it was at that instant. */
export const complaintSearchSchema = z.object({
  asOf: z.iso.datetime({ offset: true }).optional().catch(undefined),
});
export type ComplaintSearch = z.output<typeof complaintSearchSchema>;
