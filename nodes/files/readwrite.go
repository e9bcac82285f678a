package files

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/noderun/noderun/nodes"
)

func readWriteFileType() *nodes.Type {
	d := baseDescription("Read/Write Files from Disk", "readWriteFile", "input", 1, 1.1)
	d.Description = "Read or write files from the computer that runs n8n"
	op := noExpr(options("Operation", "operation", "read",
		"Read File(s) From Disk", "read", "Write File to Disk", "write"))
	sel := required(prop("File(s) Selector", "fileSelector", nodes.TypeString, ""))
	readOpts := collection("Options", "options",
		prop("File Extension", "fileExtension", nodes.TypeString, ""),
		prop("File Name", "fileName", nodes.TypeString, ""),
		prop("Mime Type", "mimeType", nodes.TypeString, ""),
		prop("Put Output File in Field", "dataPropertyName", nodes.TypeString, "data"),
		prop("Treat Brackets and Parentheses as Literal", "literalBrackets", nodes.TypeBoolean, true),
	)
	readOpts.Placeholder = "Add option"
	writeOpts := collection("Options", "options", prop("Append", "append", nodes.TypeBoolean, false))
	writeOpts.Placeholder = "Add option"
	cloud := "The node can only access paths under /home/node/. Paths outside this directory (for example, /tmp/ or /data/) fail with an access error."
	d.Properties = []*nodes.Property{
		prop("Use this node to read and write files on the same computer running n8n. To handle files between different computers please use other nodes (e.g. FTP, HTTP Request, AWS).", "info", nodes.TypeNotice, ""),
		op,
		show(prop(cloud, "cloudNotice", nodes.TypeNotice, ""), "operation", vals("read")),
		show(sel, "operation", vals("read")),
		show(readOpts, "operation", vals("read")),
		show(prop(cloud, "cloudNotice", nodes.TypeNotice, ""), "operation", vals("write")),
		show(required(prop("File Path and Name", "fileName", nodes.TypeString, "")), "operation", vals("write")),
		show(required(prop("Input Binary Field", "dataPropertyName", nodes.TypeString, "data")), "operation", vals("write")),
		show(writeOpts, "operation", vals("write")),
	}
	return &nodes.Type{Description: d, Handler: nodes.HandlerFunc(executeReadWrite)}
}

func executeReadWrite(ctx nodes.ExecuteContext) (nodes.Outputs, error) {
	op, err := paramString(ctx, "operation", 0, "read")
	if err != nil {
		return nil, err
	}
	items := ctx.InputData(0)
	var out []nodes.Item
	switch op {
	case "read":
		out, err = eachItem(ctx, items, func(i int, _ nodes.Item) ([]nodes.Item, error) { return readFiles(ctx, i) })
	case "write":
		out, err = eachItem(ctx, items, func(i int, it nodes.Item) ([]nodes.Item, error) { return writeFile(ctx, i, it) })
	default:
		return nil, nodes.NewOperationErrorf(ctx.Node().Name, "The operation %q is not known", op)
	}
	if err != nil {
		return nil, err
	}
	return nodes.Outputs{out}, nil
}

func readFiles(ctx nodes.ExecuteContext, i int) ([]nodes.Item, error) {
	name := ctx.Node().Name
	sel, err := paramString(ctx, "fileSelector", i, "")
	if err != nil {
		return nil, err
	}
	o, err := paramMap(ctx, "options", i)
	if err != nil {
		return nil, err
	}
	prop := "data"
	if p := o.str("dataPropertyName", ""); p != "" {
		prop = p
	}
	paths, err := globFiles(sel, o.boolean("literalBrackets", true))
	if err != nil {
		return nil, fileError(name, i, err, sel, "read")
	}
	if len(paths) == 0 && ctx.Node().TypeVersion > 1 {
		desc := fmt.Sprintf("No file matching the selector \"%s\" found", sel)
		if literal := o.boolean("literalBrackets", true); strings.ContainsAny(sel, "[]()") {
			if literal {
				desc += ". If [ ] and ( ) were meant as a character class or group, turn off 'Treat Brackets and Parentheses as Literal' in Options"
			} else {
				desc += ". If [ ] and ( ) were meant as literal characters, turn on 'Treat Brackets and Parentheses as Literal' in Options"
			}
		}
		return nil, nodes.NewOperationError(name, "No file(s) found").SetDescription(desc).WithItem(i)
	}
	out := []nodes.Item{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fileError(name, i, err, p, "read")
		}
		bd, err := nodes.PrepareBinaryData(data, filepath.ToSlash(p), "")
		if err != nil {
			return nil, err
		}
		if o.has("fileName") {
			bd.FileName = o.str("fileName", "")
		}
		if o.has("fileExtension") {
			bd.FileExtension = o.str("fileExtension", "")
		}
		if o.has("mimeType") {
			bd.MimeType = o.str("mimeType", "")
		}
		j := map[string]any{"mimeType": bd.MimeType}
		keys := []string{"mimeType"}
		add := func(k, v string) {
			if v != "" {
				j[k] = v
				keys = append(keys, k)
			}
		}
		add("fileType", bd.FileType)
		add("fileName", bd.FileName)
		add("fileExtension", bd.FileExtension)
		add("fileSize", bd.FileSize)
		nodes.SetKeyOrder(j, keys)
		out = append(out, nodes.Item{JSON: j, Binary: map[string]*nodes.BinaryData{prop: bd}, PairedItem: paired(i)})
	}
	return out, nil
}

func writeFile(ctx nodes.ExecuteContext, i int, item nodes.Item) ([]nodes.Item, error) {
	name := ctx.Node().Name
	prop, err := paramString(ctx, "dataPropertyName", i, "data")
	if err != nil {
		return nil, err
	}
	fileName, err := paramString(ctx, "fileName", i, "")
	if err != nil {
		return nil, err
	}
	o, err := paramMap(ctx, "options", i)
	if err != nil {
		return nil, err
	}
	j := map[string]any{}
	if m := item.Object(); m != nil {
		j = nodes.CopyObject(m)
	}
	data, _, err := nodes.BinaryBytes(name, item, i, prop)
	if err != nil {
		return nil, err
	}
	flag := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if o.boolean("append", false) {
		flag = os.O_CREATE | os.O_WRONLY | os.O_APPEND
	}
	f, err := os.OpenFile(fileName, flag, 0o644)
	if err != nil {
		return nil, fileError(name, i, err, fileName, "write")
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, fileError(name, i, err, fileName, "write")
	}
	if err := f.Close(); err != nil {
		return nil, fileError(name, i, err, fileName, "write")
	}
	out := nodes.Item{JSON: j, PairedItem: paired(i)}
	if item.Binary != nil {
		out.Binary = make(map[string]*nodes.BinaryData, len(item.Binary))
		for k, v := range item.Binary {
			out.Binary[k] = v
		}
	}
	appendKey(j, "fileName")
	j["fileName"] = fileName
	return []nodes.Item{out}, nil
}

// fileError maps a file system error to n8n's errorMapper texts.
func fileError(node string, i int, err error, path, op string) error {
	var ne *nodes.NodeError
	if errors.As(err, &ne) {
		return ne
	}
	msg := err.Error()
	desc := ""
	switch {
	case errors.Is(err, fs.ErrPermission) && op == "read":
		msg = fmt.Sprintf("You don't have the permissions to access %s", path)
		desc = "Verify that the path specified in 'File(s) Selector' is correct, or change the file(s) permissions if needed"
	case errors.Is(err, fs.ErrPermission):
		msg = fmt.Sprintf("You don't have the permissions to write the file %s", path)
		desc = "Specify another destination folder in 'File Path and Name', or change the permissions of the parent folder"
	case errors.Is(err, fs.ErrNotExist) && op == "write":
		msg = fmt.Sprintf("ENOENT: no such file or directory, open '%s'", path)
	}
	e := nodes.NewOperationError(node, msg).WithItem(i)
	if desc != "" {
		e.SetDescription(desc)
	}
	e.Wrapped = err
	return e
}

// globFiles returns the files matching a fast-glob pattern ("**" crosses
// directories; "*", "?", "[...]" and "{a,b}" stay within one; dot files
// only match explicitly), in walk order. literalBrackets makes "[" and "]"
// plain characters, n8n's default.
func globFiles(pattern string, literalBrackets bool) ([]string, error) {
	pattern = filepath.ToSlash(pattern)
	meta := "*?[{"
	if literalBrackets {
		meta = "*?{"
	}
	if !strings.ContainsAny(pattern, meta) {
		st, err := os.Stat(pattern)
		if err != nil || st.IsDir() {
			return nil, nil
		}
		return []string{pattern}, nil
	}
	segs := strings.Split(pattern, "/")
	baseSegs := []string{}
	for _, s := range segs {
		if strings.ContainsAny(s, meta) {
			break
		}
		baseSegs = append(baseSegs, s)
	}
	base := strings.Join(baseSegs, "/")
	if base == "" {
		if strings.HasPrefix(pattern, "/") {
			base = "/"
		} else {
			base = "."
		}
	}
	re, err := globRegexp(pattern, literalBrackets)
	if err != nil {
		return nil, err
	}
	dotAllowed := strings.Contains(pattern, "/.") || strings.HasPrefix(pattern, ".")
	var out []string
	walkErr := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == base {
				return fs.SkipAll
			}
			return nil
		}
		// fast-glob's dot: false: wildcards do not match dot files
		if p != base && strings.HasPrefix(d.Name(), ".") && !dotAllowed {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		sp := filepath.ToSlash(p)
		if base == "." && !strings.HasPrefix(pattern, "./") {
			sp = strings.TrimPrefix(sp, "./")
		}
		if re.MatchString(sp) {
			out = append(out, p)
		}
		return nil
	})
	if walkErr != nil {
		return nil, walkErr
	}
	return out, nil
}

// globRegexp translates a glob into an anchored regular expression.
func globRegexp(pattern string, literalBrackets bool) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("^")
	depth := 0
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		atSegStart := i == 0 || pattern[i-1] == '/'
		switch c {
		case '*':
			if i+1 < len(pattern) && pattern[i+1] == '*' {
				if i+2 < len(pattern) && pattern[i+2] == '/' {
					b.WriteString(`(?:[^/.][^/]*/)*`)
					i += 2
				} else {
					b.WriteString(`(?:[^/.][^/]*(?:/[^/.][^/]*)*)?`)
					i++
				}
				continue
			}
			if atSegStart {
				b.WriteString(`(?:[^/.][^/]*)?`)
			} else {
				b.WriteString(`[^/]*`)
			}
		case '?':
			b.WriteString(`[^/]`)
		case '[':
			end := strings.IndexByte(pattern[i:], ']')
			if end < 0 || literalBrackets {
				b.WriteString(`\[`)
				continue
			}
			class := pattern[i+1 : i+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + class + "]")
			i += end
		case '{':
			depth++
			b.WriteString("(?:")
		case '}':
			if depth > 0 {
				depth--
				b.WriteString(")")
			} else {
				b.WriteString(`\}`)
			}
		case ',':
			if depth > 0 {
				b.WriteString("|")
			} else {
				b.WriteString(",")
			}
		case '\\':
			if i+1 < len(pattern) {
				i++
				b.WriteString(regexp.QuoteMeta(string(pattern[i])))
			}
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}
