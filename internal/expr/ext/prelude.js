// n8n expression extensions (packages/workflow/src/extensions/*), written
// for goja. Called once per runtime with the Go helper object h.
(function (h) {
	'use strict';
	var global = this;
	var DateTime = h.DateTime;

	function err(msg, desc) { h.extErr(msg, desc || ''); }
	function isDateTime(v) { return h.isDT(v); }

	// ---------- deep equality (lodash isEqual for JSON-like data) ----------
	function isEqual(a, b) {
		if (a === b) return true;
		if (typeof a === 'number' && typeof b === 'number') return a !== a && b !== b;
		if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
		if (Array.isArray(a) !== Array.isArray(b)) return false;
		if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
		if (isDateTime(a) || isDateTime(b)) return isDateTime(a) && isDateTime(b) && a.equals(b);
		if (Array.isArray(a)) {
			if (a.length !== b.length) return false;
			for (var i = 0; i < a.length; i++) if (!isEqual(a[i], b[i])) return false;
			return true;
		}
		var ka = Object.keys(a), kb = Object.keys(b);
		if (ka.length !== kb.length) return false;
		for (var j = 0; j < ka.length; j++) {
			if (!Object.prototype.hasOwnProperty.call(b, ka[j]) || !isEqual(a[ka[j]], b[ka[j]])) return false;
		}
		return true;
	}
	function uniqWith(arr, eq) {
		var out = [];
		for (var i = 0; i < arr.length; i++) {
			var dup = false;
			for (var j = 0; j < out.length; j++) if (eq(out[j], arr[i])) { dup = true; break; }
			if (!dup) out.push(arr[i]);
		}
		return out;
	}
	function defineField(target, key, value) {
		Object.defineProperty(target, key, { value: value, writable: true, enumerable: true, configurable: true });
	}

	// ---------- strings ----------
	var CURRENCY_REGEXP = /(\u004c\u0065\u006b|\u060b|\u0024|\u0192|\u20bc|\u0042\u0072|\u0042\u005a\u0024|\u0024\u0062|\u004b\u004d|\u0050|\u043b\u0432|\u0052\u0024|\u17db|\u00a5|\u20a1|\u006b\u006e|\u20b1|\u004b\u010d|\u006b\u0072|\u0052\u0044\u0024|\u00a3|\u20ac|\u00a2|\u0051|\u004c|\u0046\u0074|\u20b9|\u0052\u0070|\ufdfc|\u20aa|\u004a\u0024|\u20a9|\u20ad|\u0434\u0435\u043d|\u0052\u004d|\u20a8|\u20ae|\u004d\u0054|\u0043\u0024|\u20a6|\u0042\u002f\u002e|\u0047\u0073|\u0053\u002f\u002e|\u007a\u0142|\u006c\u0065\u0069|\u20bd|\u0414\u0438\u043d\u002e|\u0053|\u0052|\u0043\u0048\u0046|\u004e\u0054\u0024|\u0e3f|\u0054\u0054\u0024|\u20ba|\u20b4|\u0024\u0055|\u0042\u0073|\u20ab|\u005a\u0024)/g;
	var DOMAIN_EXTRACT_REGEXP = /^(?:(?:https?|ftp):\/\/)?(?:mailto:)?(?:\/\/)?((?:www\.)?(?:(?:[-\w]+\.)+(?:[a-zA-Z]{2,}|xn--[a-zA-Z0-9]+)|localhost|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}))(?::\d+)?(?:\/[^\s?]*)?(?:\?[^\s#]*)?(?:#[^\s]*)?$/i;
	var DOMAIN_REGEXP = /^(?:www\.)?((?:(?:[-\w]+\.)+(?:[a-zA-Z]{2,}|xn--[a-zA-Z0-9]+)|localhost|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}))(?::\d+)?(?:\/[^\s?]*)?(?:\?[^\s#]*)?(?:#[^\s]*)?$/i;
	var EMAIL_REGEXP = /(([^<>()\[\]\\.,;:\s@"]+(\.[^<>()\[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))/;
	var URL_REGEXP_EXACT = /^(?:(?:https?|ftp):\/\/)(?:www\.)?((?:(?:[-\w]+\.)+(?:[a-zA-Z]{2,}|xn--[a-zA-Z0-9]+)|localhost|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}))(?::\d+)?(?:\/[^\s?#]*)?(?:\?[^\s#]*)?(?=([^\s]+#.*)?)#?[^\s]*$/i;
	var URL_REGEXP = /(?:(?:https?|ftp):\/\/)(?:www\.)?((?:(?:[-\w]+\.)+(?:[a-zA-Z]{2,}|xn--[a-zA-Z0-9]+)|localhost|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}))(?::\d+)?(?:\/[^\s?#]*)?(?:\?[^\s#]*)?(?=([^\s]+#.*)?)#?[^\s]*/i;
	var PUNC_TEST_REGEXP = /[!?.]/;

	function hash(value, extraArgs) {
		var algorithm = extraArgs[0] === undefined || extraArgs[0] === null ? 'md5' : String(extraArgs[0]).toLowerCase();
		if (algorithm === 'base64') return h.b64enc(value);
		var out = h.hash(algorithm, value);
		if (out === null) err('Unknown algorithm ' + algorithm + '. Available algorithms are: md5,sha1,sha224,sha256,sha384,sha512,sha3, and Base64.');
		return out;
	}
	function sIsEmpty(value) { return value === ''; }
	function sIsNotEmpty(value) { return value !== ''; }
	function isBlank(value) { return value.trim() === ''; }
	function isNotBlank(value) { return value.trim() !== ''; }
	function sLength(value) { return value.length; }
	function toJsonString(value) { return JSON.stringify(value); }
	function removeMarkdown(value) {
		var output = value;
		try {
			output = output.replace(/^([\s\t]*)([*\-+]|\d\.)\s+/gm, '$1');
			output = output.replace(/\n={2,}/g, '\n').replace(/~~/g, '').replace(/`{3}.*\n/g, '');
			output = output
				.replace(/<[\w|\s|=|'|"|:|(|)|,|;|/|0-9|.|-]+[>|\\>]/g, '')
				.replace(/^[=-]{2,}\s*$/g, '')
				.replace(/\[\^.+?\](: .*?$)?/g, '')
				.replace(/\s{0,2}\[.*?\]: .*?$/g, '')
				.replace(/!\[.*?\][[(].*?[\])]/g, '')
				.replace(/\[(.*?)\][[(].*?[\])]/g, '$1')
				.replace(/>/g, '')
				.replace(/^\s{1,2}\[(.*?)\]: (\S+)( ".*?")?\s*$/g, '')
				.replace(/^#{1,6}\s*([^#]*)\s*(#{1,6})?/gm, '$1')
				.replace(/([*_]{1,3})(\S.*?\S)\1/g, '$2')
				.replace(/(`{3,})(.*?)\1/gm, '$2')
				.replace(/^-{3,}\s*$/g, '')
				.replace(/`(.+?)`/g, '$1')
				.replace(/\n{2,}/g, '\n\n');
		} catch (e) {
			return value;
		}
		return output;
	}
	function removeTags(value) { return value.replace(/<[^>]*>?/gm, ''); }
	function toDate(value) {
		var date = new Date(Date.parse(value));
		if (date.toString() === 'Invalid Date') err('cannot convert to date');
		if (!/:/.test(value)) date.setHours(0, 0, 0);
		return date;
	}
	function tryToParseDateTime(value) {
		if (isDateTime(value) && value.isValid) return value;
		if (value instanceof Date) {
			var fj = DateTime.fromJSDate(value);
			if (fj.isValid) return fj;
		}
		var s = String(value).trim();
		var d = DateTime.fromISO(s, { setZone: true });
		if (d.isValid) return d;
		d = DateTime.fromHTTP(s, { setZone: true });
		if (d.isValid) return d;
		d = DateTime.fromRFC2822(s, { setZone: true });
		if (d.isValid) return d;
		d = DateTime.fromSQL(s, { setZone: true });
		if (d.isValid) return d;
		var ms = Date.parse(s);
		if (ms === ms) {
			d = DateTime.fromMillis(ms);
			if (d.isValid) return d;
		}
		throw new Error('Value is not a valid date');
	}
	function sToDateTime(value, extraArgs) {
		try {
			var valueFormat = extraArgs && extraArgs[0];
			if (valueFormat) {
				if (valueFormat === 'ms' || valueFormat === 's' || valueFormat === 'us' || valueFormat === 'excel') {
					return nToDateTime(Number(value), [valueFormat]);
				}
				return DateTime.fromFormat(value, valueFormat);
			}
			return tryToParseDateTime(value);
		} catch (e) {
			err('cannot convert to Luxon DateTime');
		}
	}
	function urlDecode(value, extraArgs) {
		return extraArgs[0] ? decodeURI(value.toString()) : decodeURIComponent(value.toString());
	}
	function sUrlEncode(value, extraArgs) {
		return extraArgs[0] ? encodeURI(value.toString()) : encodeURIComponent(value.toString());
	}
	function sToInt(value, extraArgs) {
		var int = parseInt(value.replace(CURRENCY_REGEXP, ''), extraArgs[0]);
		if (isNaN(int)) err('cannot convert to integer');
		return int;
	}
	function sToFloat(value) {
		if (value.includes(',')) err('cannot convert to float, expected . as decimal separator');
		var f = parseFloat(value.replace(CURRENCY_REGEXP, ''));
		if (isNaN(f)) err('cannot convert to float');
		return f;
	}
	function sToNumber(value) {
		var num = Number(value.replace(CURRENCY_REGEXP, ''));
		if (isNaN(num)) err('cannot convert to number');
		return num;
	}
	function quote(value, extraArgs) {
		var q = extraArgs[0] === undefined ? '"' : String(extraArgs[0]);
		var escaped = value.replace(/\\/g, '\\\\');
		return q + escaped.split(q).join('\\' + q) + q;
	}
	function isNumeric(value) {
		if (value.includes(' ')) return false;
		return !isNaN(value) && !isNaN(parseFloat(value));
	}
	function isUrl(value) { return URL_REGEXP_EXACT.test(value); }
	function isDomain(value) { return DOMAIN_REGEXP.test(value); }
	function isEmail(value) {
		var result = EMAIL_REGEXP.test(value);
		if (result && value.includes(' ')) return false;
		return result;
	}
	// title-case v3, as n8n uses it (in Go for speed).
	function toTitleCase(input) { return h.titleCase(input); }
	function replaceSpecialChars(value) { return h.translit(value); }
	function firstLetter(s) { return h.firstLetter(s); }
	function toSentenceCase(value) {
		var current = value.slice(), buffer = '';
		var idx;
		while ((idx = firstLetter(current)) >= 0) {
			current = current.slice(0, idx) + current[idx].toLocaleUpperCase() + current.slice(idx + 1).toLocaleLowerCase();
			var puncIndex = current.search(PUNC_TEST_REGEXP);
			if (puncIndex === -1) {
				buffer += current;
				current = '';
				break;
			}
			buffer += current.slice(0, puncIndex + 1);
			current = current.slice(puncIndex + 1);
		}
		return buffer + current;
	}
	function toSnakeCase(value) {
		return value.toLocaleLowerCase().replace(/[ \-]/g, '_')
			.replace(/[\u2000-\u206F\u2E00-\u2E7F\\'!"#$%&()*+,.\/:;<=>?@\[\]^`{|}~]/g, '');
	}
	function toCamelCase(value) {
		return value.replace(/^[^A-Za-z0-9]+/, '').toLowerCase()
			.replace(/[^A-Za-z0-9]+(.)/g, function (_, c) { return c.toUpperCase(); })
			.replace(/[^A-Za-z0-9]+$/, '');
	}
	function extractEmail(value) {
		var m = EMAIL_REGEXP.exec(value);
		return m ? m[0] : undefined;
	}
	function extractDomain(value) {
		if (isEmail(value)) {
			var m = EMAIL_REGEXP.exec(value);
			return m ? m[5] : undefined;
		}
		var d = value.match(DOMAIN_EXTRACT_REGEXP);
		return d ? d[1] : undefined;
	}
	function extractUrl(value) {
		var m = URL_REGEXP.exec(value);
		return m ? m[0] : undefined;
	}
	function extractUrlPath(value) { return h.urlPath(value); }
	function parseJson(value) {
		try {
			return JSON.parse(value);
		} catch (e) {
			if (value.includes("'")) err("Parsing failed. Check you're using double quotes");
			err('Parsing failed');
		}
	}
	function sToBoolean(value) {
		var n = value.toLowerCase();
		return n.length > 0 && n !== 'false' && n !== 'no' && n !== '0';
	}
	function base64Encode(value) { return h.b64enc(value); }
	function base64Decode(value) { return h.b64dec(value); }

	var stringExtensions = {
		hash: hash, removeMarkdown: removeMarkdown, removeTags: removeTags, toDate: toDate,
		toDateTime: sToDateTime, toBoolean: sToBoolean, toDecimalNumber: sToFloat, toNumber: sToNumber,
		toFloat: sToFloat, toInt: sToInt, toWholeNumber: sToInt, toSentenceCase: toSentenceCase,
		toSnakeCase: toSnakeCase, toCamelCase: toCamelCase, toTitleCase: toTitleCase, urlDecode: urlDecode,
		urlEncode: sUrlEncode, quote: quote, replaceSpecialChars: replaceSpecialChars, length: sLength,
		isDomain: isDomain, isEmail: isEmail, isNumeric: isNumeric, isUrl: isUrl, isEmpty: sIsEmpty,
		isNotEmpty: sIsNotEmpty, isBlank: isBlank, isNotBlank: isNotBlank, toJsonString: toJsonString,
		extractEmail: extractEmail, extractDomain: extractDomain, extractUrl: extractUrl,
		extractUrlPath: extractUrlPath, parseJson: parseJson, base64Encode: base64Encode,
		base64Decode: base64Decode,
	};

	// ---------- numbers ----------
	function nFormat(value, extraArgs) {
		return h.numfmt(value, extraArgs[0] === undefined ? 'en-US' : extraArgs[0], extraArgs[1] || {});
	}
	function isEven(value) {
		if (!Number.isInteger(value)) err('isEven() is only callable on integers');
		return value % 2 === 0;
	}
	function isOdd(value) {
		if (!Number.isInteger(value)) err('isOdd() is only callable on integers');
		return Math.abs(value) % 2 === 1;
	}
	function round(value, extraArgs) {
		var dp = extraArgs[0] === undefined ? 0 : extraArgs[0];
		return +value.toFixed(dp);
	}
	function nToDateTime(value, extraArgs) {
		var f = extraArgs[0] === undefined ? 'ms' : extraArgs[0];
		if (['ms', 's', 'us', 'excel'].indexOf(f) < 0) {
			err("Unsupported format '" + String(f) + "'. toDateTime() supports 'ms', 's', 'us' and 'excel'.");
		}
		switch (f) {
			case 'excel': return DateTime.fromSeconds((value - (25567 + 2)) * 86400);
			case 's': return DateTime.fromSeconds(value);
			case 'us': return DateTime.fromMillis(value / 1000);
			default: return DateTime.fromMillis(value);
		}
	}
	var numberExtensions = {
		ceil: function (v) { return Math.ceil(v); },
		floor: function (v) { return Math.floor(v); },
		format: nFormat,
		round: round,
		abs: function (v) { return Math.abs(v); },
		isInteger: function (v) { return Number.isInteger(v); },
		isEven: isEven,
		isOdd: isOdd,
		toBoolean: function (v) { return v !== 0; },
		toInt: function (v) { return round(v, []); },
		toFloat: function (v) { return v; },
		toDateTime: nToDateTime,
	};

	// ---------- objects ----------
	function oCompact(value) {
		var newObj = {};
		Object.entries(value).forEach(function (e) {
			var key = e[0], val = e[1];
			if (val !== null && val !== undefined && val !== 'nil' && val !== '') {
				if (typeof val === 'object') {
					if (Object.keys(val).length === 0) return;
					defineField(newObj, key, oCompact(val));
				} else {
					defineField(newObj, key, val);
				}
			}
		});
		return newObj;
	}
	function formEncode(s) {
		return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, function (c) {
			return '%' + c.charCodeAt(0).toString(16).toUpperCase();
		});
	}
	var objectExtensions = {
		isEmpty: function (v) { return Object.keys(v).length === 0; },
		isNotEmpty: function (v) { return Object.keys(v).length !== 0; },
		hasField: function (v, a) { return a[0] in v && (Object.prototype.hasOwnProperty.call(v, a[0]) || !extensionNames.has(a[0])); },
		removeField: function (v, a) {
			if (a[0] in v) {
				var n = Object.assign({}, v);
				delete n[a[0]];
				return n;
			}
			return v;
		},
		removeFieldsContaining: function (v, a) {
			var match = a[0];
			if (typeof match !== 'string' || match === '') err('removeFieldsContaining(): expected non-empty string arg');
			var n = Object.assign({}, v);
			Object.entries(v).forEach(function (e) {
				if (typeof e[1] === 'string' && e[1].includes(match)) delete n[e[0]];
			});
			return n;
		},
		keepFieldsContaining: function (v, a) {
			var match = a[0];
			if (typeof match !== 'string' || match === '') err('argument of keepFieldsContaining must be a non-empty string');
			var n = Object.assign({}, v);
			Object.entries(v).forEach(function (e) {
				if (typeof e[1] !== 'string' || !e[1].includes(match)) delete n[e[0]];
			});
			return n;
		},
		compact: oCompact,
		urlEncode: function (v) {
			return Object.keys(v).map(function (k) { return formEncode(k) + '=' + formEncode(String(v[k])); }).join('&');
		},
		// Not in n8n 2.41 (which throws "merge() is only callable on type
		// Array"): the merge of Array#merge applied to one object.
		merge: function (v, a) { return mergeObjects(v, a[0]); },
		keys: function (v) { return Object.keys(v); },
		values: function (v) { return Object.values(v); },
		toJsonString: toJsonString,
		toInt: function () { return undefined; },
		toFloat: function () { return undefined; },
		toBoolean: function () { return undefined; },
		toDateTime: function () { return undefined; },
	};

	// ---------- arrays ----------
	function ensureNumberArray(arr, fnName) {
		for (var i = 0; i < arr.length; i++) {
			if (typeof arr[i] !== 'number') err(fnName + '(): all array elements must be numbers');
		}
	}
	function numbersOf(value) {
		return value.map(function (v) { return typeof v === 'string' ? parseFloat(v) : typeof v !== 'number' ? NaN : v; });
	}
	function aSum(value) {
		ensureNumberArray(value, 'sum');
		var total = 0;
		for (var i = 0; i < value.length; i++) total += value[i];
		return total;
	}
	function unique(value, extraArgs) {
		var map = function (item) {
			if (extraArgs.length > 0 && item && typeof item === 'object') {
				return extraArgs.reduce(function (acc, key) { acc[key] = item[key]; return acc; }, {});
			}
			return item;
		};
		return uniqWith(value, function (a, b) { return isEqual(map(a), map(b)); });
	}
	function chunk(value, extraArgs) {
		var size = extraArgs[0];
		if (typeof size !== 'number' || size === 0) err('chunk(): expected non-zero numeric arg, e.g. .chunk(5)');
		var chunks = [];
		for (var i = 0; i < value.length; i += size) chunks.push(value.slice(i, i + size));
		return chunks;
	}
	function mergeObjects(value, other) {
		if (!other) return value;
		if (typeof other !== 'object') err('merge(): expected object arg');
		var n = Object.assign({}, value);
		Object.entries(other).forEach(function (e) { if (!(e[0] in n)) n[e[0]] = e[1]; });
		return n;
	}
	function needArray(others, name, example) {
		if (!Array.isArray(others)) err(name + '(): expected array arg, e.g. .' + name + '(' + example + ')');
	}
	var arrayExtensions = {
		removeDuplicates: unique,
		unique: unique,
		first: function (v) { return v[0]; },
		last: function (v) { return v[v.length - 1]; },
		pluck: function (value, extraArgs) {
			if (!extraArgs || extraArgs.length === 0) return value;
			return value.reduce(function (acc, current) {
				if (current && typeof current === 'object') {
					var p = [];
					Object.keys(current).forEach(function (k) {
						extraArgs.forEach(function (field) { if (field === k) p.push(current[k]); });
					});
					if (p.length > 0) acc.push(p.length === 1 ? p[0] : p);
				}
				return acc;
			}, []);
		},
		randomItem: function (v) { return v.length ? v[Math.floor(Math.random() * v.length)] : undefined; },
		sum: aSum,
		min: function (v) { ensureNumberArray(v, 'min'); return Math.min.apply(null, numbersOf(v)); },
		max: function (v) { ensureNumberArray(v, 'max'); return Math.max.apply(null, numbersOf(v)); },
		average: function (v) { ensureNumberArray(v, 'average'); return v.length === 0 ? 0 : aSum(v) / v.length; },
		isNotEmpty: function (v) { return v.length > 0; },
		isEmpty: function (v) { return v.length === 0; },
		compact: function (value) {
			return value.filter(function (v) {
				if (v && typeof v === 'object' && Object.keys(v).length === 0) return false;
				return v !== null && v !== undefined && v !== 'nil' && v !== '';
			}).map(function (v) { return typeof v === 'object' && v !== null ? oCompact(v) : v; });
		},
		smartJoin: function (value, extraArgs) {
			var kf = extraArgs[0], vf = extraArgs[1];
			if (!kf || !vf || typeof kf !== 'string' || typeof vf !== 'string') {
				err('smartJoin(): expected two string args, e.g. .smartJoin("name", "value")');
			}
			return value.reduce(function (o, v) {
				if (typeof v === 'object' && v !== null && kf in v && vf in v) o[v[kf]] = v[vf];
				return o;
			}, {});
		},
		chunk: chunk,
		renameKeys: function (value, extraArgs) {
			if (extraArgs.length === 0 || extraArgs.length % 2 !== 0) {
				err('renameKeys(): expected an even amount of args: from1, to1 [, from2, to2, ...]. e.g. .renameKeys("name", "title")');
			}
			return value.map(function (v) {
				if (typeof v !== 'object' || v === null) return v;
				var n = Object.assign({}, v);
				chunk(extraArgs, [2]).forEach(function (p) {
					if (p[0] in n) { n[p[1]] = n[p[0]]; delete n[p[0]]; }
				});
				return n;
			});
		},
		merge: function (value, extraArgs) {
			var others = extraArgs[0];
			if (others === undefined) {
				return value.reduce(function (combined, current) {
					if (current !== null && typeof current === 'object' && !Array.isArray(current)) combined = mergeObjects(combined, current);
					return combined;
				}, {});
			}
			needArray(others, 'merge', '[{ id: 1, otherValue: 3 }]');
			var len = Math.max(value.length, others.length), merged = {};
			for (var i = 0; i < len; i++) {
				if (value[i] !== undefined && typeof value[i] === 'object' && typeof others[i] === 'object') {
					merged = Object.assign(merged, mergeObjects(value[i], others[i]));
				}
			}
			return merged;
		},
		union: function (value, extraArgs) {
			var others = extraArgs[0];
			needArray(others, 'union', '[1, 2, 3, 4]');
			var n = Array.from(value);
			others.forEach(function (v) { if (n.findIndex(function (w) { return isEqual(w, v); }) === -1) n.push(v); });
			return unique(n, []);
		},
		difference: function (value, extraArgs) {
			var others = extraArgs[0];
			needArray(others, 'difference', '[1, 2, 3, 4]');
			var n = [];
			value.forEach(function (v) { if (others.findIndex(function (w) { return isEqual(w, v); }) === -1) n.push(v); });
			return unique(n, []);
		},
		intersection: function (value, extraArgs) {
			var others = extraArgs[0];
			needArray(others, 'intersection', '[1, 2, 3, 4]');
			var n = [];
			value.forEach(function (v) { if (others.findIndex(function (w) { return isEqual(w, v); }) !== -1) n.push(v); });
			others.forEach(function (v) { if (value.findIndex(function (w) { return isEqual(w, v); }) !== -1) n.push(v); });
			return unique(n, []);
		},
		append: function (value, extraArgs) { return value.concat(extraArgs); },
		toJsonString: toJsonString,
		toInt: function () { return undefined; },
		toFloat: function () { return undefined; },
		toBoolean: function () { return undefined; },
		toDateTime: function () { return undefined; },
	};

	// ---------- booleans ----------
	var booleanExtensions = {
		toBoolean: function (v) { return v; },
		toInt: function (v) { return v ? 1 : 0; },
		toFloat: function (v) { return v ? 1 : 0; },
		toNumber: function (v) { return v ? 1 : 0; },
		toDateTime: function () { return undefined; },
	};

	// ---------- dates ----------
	var DURATION_MAP = { day: 'days', month: 'months', year: 'years', week: 'weeks', hour: 'hours', minute: 'minutes', second: 'seconds', millisecond: 'milliseconds', ms: 'milliseconds', sec: 'seconds', secs: 'seconds', hr: 'hours', hrs: 'hours', min: 'minutes', mins: 'minutes' };
	var DATETIMEUNIT_MAP = { days: 'day', months: 'month', years: 'year', hours: 'hour', minutes: 'minute', seconds: 'second', milliseconds: 'millisecond', hrs: 'hour', hr: 'hour', mins: 'minute', min: 'minute', secs: 'second', sec: 'second', ms: 'millisecond' };
	var durationUnits = ['milliseconds', 'seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'quarters', 'years'];
	var dateParts = ['day', 'week', 'month', 'year', 'hour', 'minute', 'second', 'millisecond', 'weekNumber', 'yearDayNumber', 'weekday'];
	function dtOf(date) { return isDateTime(date) ? date : DateTime.fromJSDate(date); }
	function back(date, r) { return isDateTime(date) ? r : r.toJSDate(); }
	function toDateTimeAny(date) {
		if (isDateTime(date)) return date;
		if (typeof date === 'string') return sToDateTime(date);
		return DateTime.fromJSDate(date);
	}
	function convertToDateTime(value) {
		if (typeof value === 'string') {
			var c = DateTime.fromJSDate(new Date(value));
			return c.invalidReason !== null ? undefined : c;
		}
		if (value instanceof Date) return DateTime.fromJSDate(value);
		if (isDateTime(value)) return value;
		return undefined;
	}
	function durationObject(value, unit) {
		var u = DURATION_MAP[unit] || unit, o = {};
		o[u] = value;
		return o;
	}
	function plusMinus(sign) {
		return function (date, args) {
			var dur = args.length === 1 ? args[0] : durationObject(args[0] === undefined ? 0 : args[0], args[1] === undefined ? 'minutes' : args[1]);
			var dt = dtOf(date);
			return back(date, sign > 0 ? dt.plus(dur) : dt.minus(dur));
		};
	}
	function diffTo(date, args) {
		var other = args[0], unit = args[1] === undefined ? 'days' : args[1];
		var units = Array.isArray(unit) ? unit : [unit];
		if (units.length === 0) units = ['days'];
		var bad = units.find(function (u) { return dateParts.indexOf(u) < 0 && durationUnits.indexOf(u) < 0; });
		if (bad) {
			err("Unsupported unit '" + String(bad) + "'. Supported: " + durationUnits.map(function (u) { return "'" + u + "'"; }).join(', ') + '.');
		}
		var r = dtOf(date).diff(toDateTimeAny(other), units);
		return units.length > 1 ? r.toObject() : r.as(units[0]);
	}
	var dateExtensions = {
		beginningOf: function (date, a) {
			var raw = a[0] === undefined ? 'week' : a[0];
			return back(date, dtOf(date).startOf(DATETIMEUNIT_MAP[raw] || raw));
		},
		endOfMonth: function (date) { return back(date, dtOf(date).endOf('month')); },
		extract: function (date, a) {
			var part = a[0] === undefined ? 'week' : a[0];
			if (part === 'yearDayNumber') return dtOf(date).ordinal;
			if (part === 'week') part = 'weekNumber';
			return dtOf(date).get(DATETIMEUNIT_MAP[part] || part);
		},
		isBetween: function (date, a) {
			if (a.length !== 2) err('isBetween(): expected exactly two args');
			var f = convertToDateTime(a[0]), s = convertToDateTime(a[1]);
			if (!f || !s) return undefined;
			if (f > s) return s < date && date < f;
			return s > date && date > f;
		},
		isDst: function (date) { return dtOf(date).isInDST; },
		isInLast: function (date, a) {
			var dur = durationObject(a[0] === undefined ? 0 : a[0], a[1] === undefined ? 'minutes' : a[1]);
			var past = DateTime.now().minus(dur), d = dtOf(date);
			return past <= d && d <= DateTime.now();
		},
		isWeekend: function (date) { var w = dtOf(date).weekday; return w === 6 || w === 7; },
		minus: plusMinus(-1),
		plus: plusMinus(1),
		format: function (date, a) { return dtOf(date).toFormat(a[0], a[1] || {}); },
		toDateTime: toDateTimeAny,
		diffTo: diffTo,
		diffToNow: function (date, a) { return diffTo(date, [DateTime.now(), a[0]]); },
		toInt: function (date) { return isDateTime(date) ? date.toMillis() : date.getTime(); },
		toFloat: function (date) { return isDateTime(date) ? date.toMillis() : date.getTime(); },
		toBoolean: function () { return undefined; },
		isEmpty: function () { return false; },
		isNotEmpty: function () { return true; },
	};

	// ---------- dispatch (n8n's extend) ----------
	var EXTENSION_OBJECTS = [
		['Array', arrayExtensions], ['Date', dateExtensions], ['Number', numberExtensions],
		['Object', objectExtensions], ['String', stringExtensions], ['Boolean', booleanExtensions],
	];
	var genericExtensions = {
		isEmpty: function (v) { return v === null || v === undefined || !v; },
		isNotEmpty: function (v) { return !(v === null || v === undefined || !v); },
	};
	var extensionNames = new Set(Object.keys(genericExtensions));
	EXTENSION_OBJECTS.forEach(function (e) { Object.keys(e[1]).forEach(function (k) { extensionNames.add(k); }); });
	var UNSAFE = new Set(['__proto__', 'prototype', 'constructor', 'getPrototypeOf', 'mainModule', 'binding', '_load']);
	var own = Object.prototype.hasOwnProperty;
	function pick(table, name) { return own.call(table, name) ? table[name] : undefined; }
	function isDateString(input) {
		if (typeof input !== 'string' || (input.length !== 24 && input.length !== 27) || input[input.length - 1] !== 'Z') return false;
		if (!/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}.\d{3}Z/.test(input)) return false;
		var d = new Date(input);
		return !isNaN(d.valueOf()) && d.toISOString() === input;
	}
	// findExtendedFunction is n8n's lookup; it sets foundNative when the
	// function found is the value's own (native) method.
	var foundNative = false;
	function findExtendedFunction(input, functionName) {
		var name = typeof functionName === 'string' ? functionName : String(functionName);
		if (UNSAFE.has(name)) err('Cannot access "' + name + '" via expression extension due to security concerns');
		var found;
		foundNative = false;
		if (Array.isArray(input)) {
			found = pick(arrayExtensions, name);
		} else if (typeof input === 'string') {
			// n8n converts an ISO date string to a Date here but still passes
			// the string itself to the date extension (which then fails).
			found = isDateString(input) && name !== 'toDate' && name !== 'toDateTime' ? pick(dateExtensions, name) : pick(stringExtensions, name);
		} else if (typeof input === 'number') {
			found = pick(numberExtensions, name);
		} else if (input && (input instanceof Date || isDateTime(input))) {
			found = pick(dateExtensions, name);
		} else if (input !== null && typeof input === 'object') {
			found = pick(objectExtensions, name);
		} else if (typeof input === 'boolean') {
			found = pick(booleanExtensions, name);
		}
		if (!found) {
			if (input && name && typeof input[name] === 'function' && !methodSet.has(input[name])) {
				foundNative = true;
				return input[name];
			}
			found = pick(genericExtensions, name);
		}
		return found;
	}
	function extend(input, functionName, args) {
		var f = findExtendedFunction(input, functionName);
		if (!f) {
			if (input === undefined || input === null) {
				err(functionName + " can't be used on " + String(input) + ' value',
					'To ignore this error, add a ? to the variable before this function, e.g. my_var?.' + functionName);
			}
			var have = EXTENSION_OBJECTS.filter(function (e) { return own.call(e[1], functionName); });
			if (!have.length) err('Unknown expression function: ' + functionName);
			if (have.length > 1) {
				var last = '"' + have.pop()[0] + '"';
				err(functionName + '() is only callable on types ' + have.map(function (e) { return '"' + e[0] + '"'; }).join(', ') + ', and ' + last);
			}
			err(functionName + '() is only callable on type "' + have[0][0] + '"');
		}
		if (foundNative) return f.apply(input, args);
		return f(input, args);
	}
	function extendOptional(input, functionName) {
		var f = findExtendedFunction(input, functionName);
		if (!f) return undefined;
		if (foundNative) return f.bind(input);
		return function () { return f(input, Array.prototype.slice.call(arguments)); };
	}

	// ---------- installation ----------
	var methods = {};
	var methodSet = new Set();
	extensionNames.forEach(function (name) {
		var fn = function (...args) { return extend(this, name, args); };
		methods[name] = fn;
		methodSet.add(fn);
	});
	function install(proto, names) {
		names.forEach(function (name) {
			if (name === 'length' || own.call(proto, name)) return;
			Object.defineProperty(proto, name, { value: methods[name], writable: true, configurable: true, enumerable: false });
		});
	}
	// Every extension name on the primitive, Array and Date prototypes (a
	// wrong-type call then fails with n8n's message); only the Object
	// extensions on Object.prototype, so plain data objects are not
	// cluttered with names such as first or sum.
	var allNames = Array.from(extensionNames);
	[String.prototype, Number.prototype, Boolean.prototype, Array.prototype, Date.prototype, h.dtProto].forEach(function (p) {
		install(p, allNames);
	});
	install(Object.prototype, Object.keys(objectExtensions));

	var hidden = function (name, value) {
		Object.defineProperty(global, name, { value: value, writable: true, configurable: true, enumerable: false });
	};
	hidden('extend', extend);
	hidden('extendOptional', extendOptional);
	if (typeof global.Intl === 'undefined') {
		var NumberFormat = function (locales, options) {
			if (!(this instanceof NumberFormat)) return new NumberFormat(locales, options);
			this._l = Array.isArray(locales) ? locales[0] : (locales === undefined ? 'en-US' : locales);
			this._o = options || {};
		};
		NumberFormat.prototype.format = function (n) { return h.numfmt(Number(n), this._l, this._o); };
		hidden('Intl', { NumberFormat: NumberFormat });
	}
})
