import type { PageRefusal } from '@/server/trpc/page-refusal';

/**
 * What a page shows instead of its content when the server refused (see `pageQuery`): the refusal's own message, or
 * the page's wording for 403 («Нет доступа к этой группе.») — a 403 does not tell «absent» from «outside your scope».
 */
export function RefusalNotice({ refusal, forbidden }: { refusal: PageRefusal | string; forbidden?: string }) {
  const text =
    typeof refusal === 'string' ? refusal : refusal.status === 403 && forbidden ? forbidden : refusal.message;
  return (
    <div className="error" role="alert">
      {text}
    </div>
  );
}
