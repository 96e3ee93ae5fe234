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
`;

/**
 * Progressive enhancement only: the forms work without it. It moves focus to the error summary
 * and stops a second click from sending a form twice.
 */
export const portalJs = `(function(){
var summary=document.getElementById('error-summary');if(summary){summary.focus();}
Array.prototype.forEach.call(document.querySelectorAll('form'),function(form){
form.addEventListener('submit',function(){var b=form.querySelector('button[type=submit]');if(b){setTimeout(function(){b.disabled=true;},0);}});});
})();
`;
