/** The portal's one stylesheet and one script, served by intake (the CSP allows 'self' only). */
export const portalCss = `body{font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem;margin:0 auto;padding:1rem;color:#1b1b1b;background:#fff}
a{color:#0b4f9c}
.skip{position:absolute;left:-10000px}.skip:focus{position:static}
.languages{list-style:none;display:flex;flex-wrap:wrap;gap:.75rem;padding:0;margin:0 0 1rem}
.field{margin:1rem 0}label{display:block;font-weight:600;margin-bottom:.25rem}
input[type=text],input[type=email],input[type=tel],select,textarea{box-sizing:border-box;width:100%;padding:.5rem;font:inherit;border:2px solid #555;border-radius:4px}
.consent label{display:inline;font-weight:400}.consent input{margin-right:.5rem}
fieldset{border:1px solid #999;border-radius:4px;margin:1rem 0}legend{padding:0 .25rem}
.hint{margin:0 0 .25rem;color:#444}
.error{margin:0 0 .25rem;color:#a4000f;font-weight:600}
.invalid input,.invalid textarea,.invalid select{border-color:#a4000f}
.summary{border:3px solid #a4000f;padding:.5rem 1rem;margin:1rem 0}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:4px;background:#0b4f9c;color:#fff;cursor:pointer}
button[disabled]{background:#555}
.reference{font-size:1.5rem;font-weight:700;letter-spacing:.05em}
ol.timeline{padding-left:1.25rem}ol.timeline li{margin:.5rem 0}
.buttons{display:flex;flex-wrap:wrap;gap:.75rem}button.secondary{background:#fff;color:#0b4f9c;border:2px solid #0b4f9c}
.suggestions{border:2px solid #0b4f9c;border-radius:4px;padding:.5rem 1rem;margin:1rem 0}
ul.questions{padding-left:1.25rem}ul.questions li{margin:.5rem 0}summary{cursor:pointer;font-weight:600}
`;

/**
 * Progressive enhancement only: the forms work without it. It moves focus to the error summary,
 * stops a second click from sending a form twice, and, on the filing form, asks intake for typical
 * questions matching the subject and description while the customer types (debounced; intake
 * proxies knowledge, so the CSP's `connect-src 'self'` holds). Texts go in as text, never as HTML.
 */
export const portalJs = `(function(){
var summary=document.getElementById('error-summary');if(summary){summary.focus();}
Array.prototype.forEach.call(document.querySelectorAll('form'),function(form){
form.addEventListener('submit',function(ev){var b=ev.submitter||form.querySelector('button[type=submit]');if(b){setTimeout(function(){b.disabled=true;},0);}});});
var box=document.getElementById('suggestions');var subject=document.getElementById('f-subject');var description=document.getElementById('f-description');
if(!box||!subject||!description||!window.fetch){return;}
var language=document.documentElement.lang;var tokenInput=document.querySelector('input[name=token]');var timer=0;var last='';
function el(tag,text){var n=document.createElement(tag);if(text){n.textContent=text;}return n;}
function show(items){
if(!items.length){return;}
while(box.firstChild){box.removeChild(box.firstChild);}
box.appendChild(el('h2',box.getAttribute('data-title')));box.appendChild(el('p',box.getAttribute('data-intro')));
var list=el('ul');list.className='questions';
items.forEach(function(item){var li=el('li');var d=el('details');d.appendChild(el('summary',item.question));var a=el('p',item.answer);a.className='answer';d.appendChild(a);
var f=el('form');f.method='post';f.action='/portal/'+language+'/questions/'+encodeURIComponent(item.id)+'/helped';
var t=el('input');t.type='hidden';t.name='token';t.value=tokenInput?tokenInput.value:'';f.appendChild(t);
var b=el('button',box.getAttribute('data-helped'));b.type='submit';f.appendChild(b);d.appendChild(f);li.appendChild(d);list.appendChild(li);});
box.appendChild(list);box.hidden=false;}
function ask(){var text=(subject.value+' '+description.value).trim();if(text.length<4||text===last){return;}last=text;
fetch('/portal/'+language+'/suggestions?text='+encodeURIComponent(text.slice(0,4000)),{credentials:'same-origin',headers:{accept:'application/json'}})
.then(function(r){return r.ok?r.json():{items:[]};}).then(function(body){if(text===last){show(body.items||[]);}}).catch(function(){});}
function later(){clearTimeout(timer);timer=setTimeout(ask,500);}
subject.addEventListener('input',later);description.addEventListener('input',later);
})();
`;
