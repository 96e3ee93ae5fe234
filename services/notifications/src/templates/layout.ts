import Handlebars from 'handlebars';
import type { MessageModel } from './model.js';

// Every value goes through `{{…}}`, which Handlebars HTML-escapes; nothing here uses `{{{…}}}`.
// Line breaks in customer text survive through `white-space: pre-wrap`, not through <br> injection.
const htmlSource = `<!doctype html>
<html lang="{{lang}}">
<head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #222;">
{{#if greeting}}<p>{{greeting}}</p>{{/if}}
{{#each blocks}}
{{#if p}}<p>{{p}}</p>{{/if}}
{{#if quote}}{{#if label}}<p><strong>{{label}}</strong></p>{{/if}}<blockquote style="white-space: pre-wrap; border-left: 3px solid #ccc; margin: 0 0 1em; padding-left: 1em;">{{quote}}</blockquote>{{/if}}
{{#if facts}}<table>{{#each facts}}<tr><th align="left">{{label}}</th><td>{{value}}</td></tr>{{/each}}</table>{{/if}}
{{#if list}}<ul>{{#each list}}<li>{{this}}</li>{{/each}}</ul>{{/if}}
{{#if links}}<p>{{#each links}}<a href="{{url}}" style="display: inline-block; margin: 0 1em 0.5em 0;">{{label}}</a> {{/each}}</p>{{/if}}
{{/each}}
{{#if signOff}}<p style="white-space: pre-wrap;">{{signOff}}</p>{{/if}}
</body>
</html>
`;

const textSource = `{{#if greeting}}{{greeting}}

{{/if}}{{#each blocks}}{{#if p}}{{p}}

{{/if}}{{#if quote}}{{#if label}}{{label}}:
{{/if}}{{quote}}

{{/if}}{{#if facts}}{{#each facts}}{{label}}: {{value}}
{{/each}}
{{/if}}{{#if list}}{{#each list}}- {{this}}
{{/each}}
{{/if}}{{#if links}}{{#each links}}{{label}}: {{url}}
{{/each}}
{{/if}}{{/each}}{{#if signOff}}{{signOff}}
{{/if}}`;

// An isolated environment: helpers registered elsewhere in the process cannot change our output.
const handlebars = Handlebars.create();
const htmlLayout = handlebars.compile(htmlSource, { strict: false });
// The text part is plain text: escaping would turn "Smith & Sons" into "Smith &amp; Sons".
const textLayout = handlebars.compile(textSource, { noEscape: true });

export function renderHtml(model: MessageModel, lang: string): string {
  return htmlLayout({ ...model, lang });
}

export function renderText(model: MessageModel): string {
  // Customer text may quote '>' at line starts; it stays as typed in the text part.
  return textLayout(model).replace(/\n{3,}/g, '\n\n');
}
