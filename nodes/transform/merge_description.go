package transform

import "github.com/noderun/noderun/nodes"

func numberInputsProperty() *nodes.Property {
	p := prop("Number of Inputs", "numberInputs", nodes.TypeOptions, 2)
	p.NoDataExpression = true
	for n := 2; n <= 10; n++ {
		p.Options = append(p.Options, choice(jsString(n), n))
	}
	return p
}

func fuzzyCompareProperty() *nodes.Property {
	return prop("Fuzzy Compare", "fuzzyCompare", nodes.TypeBoolean, false)
}

func clashHandlingProperty() *nodes.Property {
	resolve := prop("When Field Values Clash", "resolveClash", nodes.TypeOptions, "")
	resolve.Options = choices("Always Add Input Number to Field Names", "addSuffix",
		"Prefer Input 1 Version", "preferInput1", "Prefer Last Input Version", "preferLast")
	notSuffix := vals(map[string]any{"_cnd": map[string]any{"not": "addSuffix"}})
	return fixedOne("Clash Handling", "clashHandling",
		map[string]any{"values": map[string]any{"resolveClash": "preferLast", "mergeMode": "deepMerge", "overrideEmpty": false}},
		"values",
		resolve,
		withShow(optionsProp("Merging Nested Fields", "mergeMode", "deepMerge", "Deep Merge", "deepMerge", "Shallow Merge", "shallowMerge"), "resolveClash", notSuffix),
		withShow(prop("Minimize Empty Fields", "overrideEmpty", nodes.TypeBoolean, false), "resolveClash", notSuffix),
	)
}

// clashHandlingV2 is Merge 2.x's clash handling (inputs 1 and 2 only).
func clashHandlingV2() *nodes.Property {
	resolve := prop("When Field Values Clash", "resolveClash", nodes.TypeOptions, "")
	resolve.Options = choices("Always Add Input Number to Field Names", "addSuffix",
		"Prefer Input 1 Version", "preferInput1", "Prefer Input 2 Version", "preferInput2")
	prefer := vals("preferInput1", "preferInput2")
	return fixedOne("Clash Handling", "clashHandling",
		map[string]any{"values": map[string]any{"resolveClash": "preferInput2", "mergeMode": "deepMerge", "overrideEmpty": false}},
		"values",
		resolve,
		withShow(optionsProp("Merging Nested Fields", "mergeMode", "deepMerge", "Deep Merge", "deepMerge", "Shallow Merge", "shallowMerge"), "resolveClash", prefer),
		withShow(prop("Minimize Empty Fields", "overrideEmpty", nodes.TypeBoolean, false), "resolveClash", prefer),
	)
}

func multipleMatchesProperty() *nodes.Property {
	return optionsProp("Multiple Matches", "multipleMatches", "all", "Include All Matches", "all", "Include First Match Only", "first")
}

// mergeV3Description is Merge 3, 3.1 and 3.2.
func mergeV3Description() *nodes.Description {
	d := baseDescription("Merge", "merge", 3, 3.1, 3.2)
	d.Description = "Merges data of multiple streams once data from both is available"
	d.Inputs = "={{(configuredInputs)($parameter)}}"
	combine := vals("combine")
	byFields := func(p *nodes.Property) *nodes.Property {
		return withShow(p, "mode", combine, "combineBy", vals("combineByFields"))
	}
	mode := optionsProp("Mode", "mode", "append", "Append", "append", "Combine", "combine",
		"SQL Query", "combineBySql", "Choose Branch", "chooseBranch")
	mode.NoDataExpression = true
	combineBy := withShow(optionsProp("Combine By", "combineBy", "combineByFields",
		"Matching Fields", "combineByFields", "Position", "combineByPosition", "All Possible Combinations", "combineAll"),
		"mode", combine)
	combineBy.NoDataExpression = true

	mergeByFields := fixedList("Fields to Match", "mergeByFields",
		map[string]any{"values": []any{map[string]any{"field1": "", "field2": ""}}}, "values",
		prop("Input 1 Field", "field1", nodes.TypeString, ""), prop("Input 2 Field", "field2", nodes.TypeString, ""))

	clashFields1 := withHide(clashHandlingProperty(), "/joinMode", vals("keepMatches", "keepNonMatches"))
	clashFields2 := withShow(clashHandlingProperty(), "/joinMode", vals("keepMatches"), "/outputDataFrom", vals("both"))
	mm1 := withShow(multipleMatchesProperty(), "/joinMode", vals("keepMatches"), "/outputDataFrom", vals("both"))
	mm2 := withShow(multipleMatchesProperty(), "/joinMode", vals("enrichInput1", "enrichInput2", "keepEverything"))

	positionClash := clashHandlingProperty()
	positionClash.Default = map[string]any{"values": map[string]any{"resolveClash": "addSuffix"}}

	chooseShow := func(p *nodes.Property) *nodes.Property { return withShow(p, "mode", vals("chooseBranch")) }
	useData := withShow(prop("Use Data of Input", "useDataOfInput", nodes.TypeOptions, 1), "output", vals("specifiedInput"))
	useData.TypeOptions = map[string]any{"minValue": 1, "loadOptionsMethod": "getInputs", "loadOptionsDependsOn": []any{"numberInputs"}}
	useData.ValidateType = "number"
	useData.DisplayOptions.Show["mode"] = vals("chooseBranch")

	sqlQuery := withShow(prop("Query", "query", nodes.TypeString, "SELECT * FROM input1 LEFT JOIN input2 ON input1.name = input2.id"), "mode", vals("combineBySql"))
	emptyResult := withShow(optionsProp("Empty Query Result", "emptyQueryResult", "empty", "Success", "success", "Empty Result", "empty"), "@version", vals(3.2))
	sqlOptions := withShow(collection("Options", "options", prop("Query Parameters", "queryParameters", nodes.TypeString, ""), emptyResult), "mode", vals("combineBySql"))

	d.Properties = []*nodes.Property{
		mode,
		combineBy,
		withShow(numberInputsProperty(), "mode", vals("append")),
		withShow(collection("Options", "options", clashHandlingProperty(), fuzzyCompareProperty()), "mode", combine, "combineBy", vals("combineAll")),
		byFields(optionsProp("Output Type", "joinMode", "keepMatches", "Keep Matches", "keepMatches", "Keep Non-Matches", "keepNonMatches",
			"Keep Everything", "keepEverything", "Enrich Input 1", "enrichInput1", "Enrich Input 2", "enrichInput2")),
		byFields(prop("Match Fields with Different Names", "advanced", nodes.TypeBoolean, false)),
		withShow(byFields(prop("Fields to Match", "fieldsToMatchString", nodes.TypeString, "")), "advanced", vals(false)),
		withShow(byFields(mergeByFields), "advanced", vals(true)),
		withShow(byFields(optionsProp("Output Data From", "outputDataFrom", "both", "Both Inputs Merged Together", "both", "Input 1", "input1", "Input 2", "input2")), "joinMode", vals("keepMatches")),
		withShow(byFields(optionsProp("Output Data From", "outputDataFrom", "both", "Both Inputs Appended Together", "both", "Input 1", "input1", "Input 2", "input2")), "joinMode", vals("keepNonMatches")),
		byFields(collection("Options", "options", clashFields1, clashFields2, disableDotNotationOption(), fuzzyCompareProperty(), mm1, mm2)),
		withShow(numberInputsProperty(), "mode", vals("combineBySql")),
		sqlOptions,
		sqlQuery,
		withShow(numberInputsProperty(), "mode", combine, "combineBy", vals("combineByPosition")),
		withShow(collection("Options", "options", positionClash, prop("Include Any Unpaired Items", "includeUnpaired", nodes.TypeBoolean, false)),
			"mode", combine, "combineBy", vals("combineByPosition")),
		chooseShow(numberInputsProperty()),
		chooseShow(optionsProp("Output Type", "chooseBranchMode", "waitForAll", "Wait for All Inputs to Arrive", "waitForAll")),
		withShow(chooseShow(optionsProp("Output", "output", "specifiedInput", "Data of Specified Input", "specifiedInput", "A Single, Empty Item", "empty")), "chooseBranchMode", vals("waitForAll")),
		useData,
	}
	return d
}

// mergeV2Description is Merge 2 and 2.1.
func mergeV2Description() *nodes.Description {
	d := baseDescription("Merge", "merge", 2, 2.1)
	d.Description = "Merges data of multiple streams once data from both is available"
	d.Inputs = []any{"main", "main"}
	combine := vals("combine")
	byFields := func(p *nodes.Property) *nodes.Property {
		return withShow(p, "mode", combine, "combinationMode", vals("mergeByFields"))
	}
	d.Properties = []*nodes.Property{
		optionsProp("Mode", "mode", "append", "Append", "append", "Combine", "combine", "Choose Branch", "chooseBranch"),
		withShow(optionsProp("Combination Mode", "combinationMode", "mergeByFields", "Merge By Fields", "mergeByFields",
			"Merge By Position", "mergeByPosition", "Multiplex", "multiplex"), "mode", combine),
		byFields(fixedList("Fields to Match", "mergeByFields",
			map[string]any{"values": []any{map[string]any{"field1": "", "field2": ""}}}, "values",
			prop("Input 1 Field", "field1", nodes.TypeString, ""), prop("Input 2 Field", "field2", nodes.TypeString, ""))),
		byFields(optionsProp("Output Type", "joinMode", "keepMatches", "Keep Matches", "keepMatches", "Keep Non-Matches", "keepNonMatches",
			"Keep Everything", "keepEverything", "Enrich Input 1", "enrichInput1", "Enrich Input 2", "enrichInput2")),
		withShow(byFields(optionsProp("Output Data From", "outputDataFrom", "both", "Both Inputs Merged Together", "both", "Input 1", "input1", "Input 2", "input2")), "joinMode", vals("keepMatches")),
		withShow(byFields(optionsProp("Output Data From", "outputDataFrom", "both", "Both Inputs Appended Together", "both", "Input 1", "input1", "Input 2", "input2")), "joinMode", vals("keepNonMatches")),
		withShow(optionsProp("Output Type", "chooseBranchMode", "waitForBoth", "Wait for Both Inputs to Arrive", "waitForBoth"), "mode", vals("chooseBranch")),
		withShow(optionsProp("Output", "output", "input1", "Input 1 Data", "input1", "Input 2 Data", "input2", "A Single, Empty Item", "empty"),
			"mode", vals("chooseBranch"), "chooseBranchMode", vals("waitForBoth")),
		withHide(collection("Options", "options",
			withHide(withShow(clashHandlingV2(), "/mode", combine, "/combinationMode", vals("mergeByFields")), "/joinMode", vals("keepMatches", "keepNonMatches")),
			withShow(clashHandlingV2(), "/mode", combine, "/combinationMode", vals("mergeByFields"), "/joinMode", vals("keepMatches"), "/outputDataFrom", vals("both")),
			withShow(clashHandlingV2(), "/mode", combine, "/combinationMode", vals("multiplex", "mergeByPosition")),
			withShow(disableDotNotationOption(), "/mode", combine, "/combinationMode", vals("mergeByFields")),
			fuzzyCompareProperty(),
			withShow(prop("Include Any Unpaired Items", "includeUnpaired", nodes.TypeBoolean, false), "/mode", combine, "/combinationMode", vals("mergeByPosition")),
			withShow(multipleMatchesProperty(), "/mode", combine, "/combinationMode", vals("mergeByFields"), "/joinMode", vals("keepMatches"), "/outputDataFrom", vals("both")),
			withShow(multipleMatchesProperty(), "/mode", combine, "/combinationMode", vals("mergeByFields"), "/joinMode", vals("enrichInput1", "enrichInput2", "keepEverything")),
		), "mode", vals("chooseBranch", "append")),
	}
	return d
}
