package catalogue

var invoiceStatuses = []string{"Pendente", "Em processo de emissão", "Emitida", "Falha ao emitir", "Em processo de cancelamento", "Cancelada", "Falha ao cancelar", "Não emitir", "Enviado por email", "Não emitida"}

var invoiceStatusValues = []any{"pending", "issuing", "issued", "issue_failed", "cancelling", "cancelled", "cancel_failed", "do_not_issue", "sent_by_email", "not_issued"}

// Resources is the Mindz node: 22 resources, 116 actions, in the order of
// the node's resource menu.
func Resources() []Resource {
	accountKey := keyField("Account Key", "accountKey", "Key of the MindzPay account that owns the invoice (identifies the account context)")
	accountID := idField("Account ID", "accountId", "ID of the MindzPay account")
	invoiceID := idField("Invoice ID", "invoiceId", "ID of the invoice to act on")
	invoiceBody := []Field{
		{Display: "Input Binary Field", Name: "binaryPropertyName", Type: "string", Default: "data", Desc: "Name of the input binary property that holds the invoice file (one file only). Not sent: file upload needs the HTTP Request node"},
		str("NFe ID", "nfe_id", "ID of the electronic invoice (NF-e) in MindzPay"),
		{Display: "Status", Name: "status", Type: "options", In: "body", Options: invoiceStatuses, Values: invoiceStatusValues, Desc: "Invoice status"},
		num("Payment ID", "payment_id", "ID of the payment the invoice belongs to"),
		num("Client ID", "client_id", "ID of the client the invoice belongs to"),
		num("Amount", "amount", "Invoice amount, two decimal places"),
	}
	invoiceUpdateStatus := Field{Display: "Status", Name: "status", Type: "options", In: "body",
		Options: append([]string{"Não Alterar"}, invoiceStatuses...), Values: append([]any{""}, invoiceStatusValues...), Desc: "Invoice status; Não Alterar leaves it unchanged"}
	invoices := "/mindzpay/accounts/{accountKey}/invoices/"
	invoiceOps := []Operation{
		{Name: "Create", Method: "POST", Path: invoices, Action: "Create an invoice", Desc: "Create a MindzPay invoice", Documented: solyd,
			Fields: append([]Field{accountKey}, invoiceBody...)},
		{Name: "Get", Method: "GET", Path: invoices + "{invoiceId}/", Action: "Get an invoice", Desc: "Get a MindzPay invoice", Documented: solyd,
			Fields: []Field{accountKey, invoiceID}},
		{Name: "Update", Method: "PATCH", Path: invoices + "{invoiceId}/", Action: "Update an invoice", Desc: "Update a MindzPay invoice", Documented: solyd,
			Fields: []Field{accountKey, idField("Invoice ID", "invoiceId", "ID of the invoice to update"), invoiceBody[0], invoiceBody[1], invoiceUpdateStatus, invoiceBody[3], invoiceBody[4], invoiceBody[5]}},
		{Name: "Cancel", Method: "POST", Path: invoices + "{invoiceId}/cancel/", Action: "Cancel an invoice", Desc: "Cancel a MindzPay invoice", Documented: both,
			Fields: []Field{accountKey, idField("Invoice ID", "invoiceId", "ID of the invoice to cancel")}},
		{Name: "Refresh", Method: "POST", Path: invoices + "{invoiceId}/refresh/", Action: "Refresh an invoice", Desc: "Fetch an invoice's current status and details again", Documented: both,
			Fields: []Field{accountKey, idField("Invoice ID", "invoiceId", "ID of the invoice whose current status/details are fetched again")}},
		{Name: "List", Method: "GET", Path: invoices, Action: "List invoices", Desc: "List MindzPay invoices", Documented: dev2,
			Fields: append([]Field{keyField("Account Key", "accountKey", "Key of the MindzPay account whose invoices are listed")}, listFields("ID", "Created At", "Amount", "Status")...)},
		{Name: "Reissue", Method: "POST", Path: invoices + "{invoiceId}/reissue/", Action: "Reissue an invoice", Desc: "Reissue a MindzPay invoice", Documented: dev2,
			Fields: []Field{accountKey, idField("Invoice ID", "invoiceId", "ID of the invoice to reissue")}},
	}

	subscriptions := "/mindzpay/accounts/{accountId}/subscriptions/"
	subID := func(desc string) Field { return idField("Subscription ID", "subscriptionId", desc) }
	mpSubOps := []Operation{
		{Name: "List", Method: "GET", Path: subscriptions, Action: "List subscriptions", Desc: "List MindzPay subscriptions", Documented: dev2,
			Fields: append([]Field{idField("Account ID", "accountId", "ID of the MindzPay account whose subscriptions are listed")}, listFields("ID", "Created At", "Customer Email", "Active")...)},
		{Name: "Get", Method: "GET", Path: subscriptions + "{subscriptionId}/", Action: "Get a subscription", Desc: "Get a MindzPay subscription",
			Fields: []Field{accountID, subID("ID of the subscription")}},
		{Name: "Cancel", Method: "POST", Path: subscriptions + "{subscriptionId}/cancel/", Action: "Cancel a subscription", Desc: "Cancel a MindzPay subscription", Documented: both,
			Fields: []Field{accountID, subID("ID of the subscription to cancel")}},
		{Name: "Suspend", Method: "POST", Path: subscriptions + "{subscriptionId}/suspend/", Action: "Suspend a subscription", Desc: "Suspend a MindzPay subscription (a temporary hold, not a cancellation)", Documented: both,
			Fields: []Field{accountID, subID("ID of the subscription to suspend (temporary hold, not cancellation)")}},
		{Name: "Reactivate", Method: "POST", Path: subscriptions + "{subscriptionId}/reactivate/", Action: "Reactivate a subscription", Desc: "Reactivate a suspended MindzPay subscription",
			Fields: []Field{accountID, subID("ID of the subscription to reactivate")}},
	}

	payments := "/mindzpay/accounts/{accountId}/payments/"
	paymentOps := append(crud("payment", payments, []Field{accountID}, idField("Payment ID", "paymentId", "ID of the payment"), nil, "List", "Get"),
		Operation{Name: "Refund", Method: "POST", Path: payments + "{paymentId}/refund/", Action: "Refund a payment", Desc: "Refund a MindzPay payment",
			Fields: []Field{accountID, idField("Payment ID", "paymentId", "ID of the payment to refund")}})

	planID := func(desc string) Field { return idField("Subscription Plan ID", "subscriptionPlanId", desc) }
	planBody := []Field{
		required(str("Name", "name", "Plan name/title")),
		str("Description", "description", "Long description"),
		str("Short Description", "short_description", "Short summary/tagline"),
		str("Syllabus", "syllabus", "Content outline"),
		str("Video", "video", "URL/reference of a video"),
		str("Video ID", "video_id", "ID of the linked video"),
		{Display: "Launch Date", Name: "launch_date", Type: "dateTime", In: "body", Desc: "Date the plan becomes available"},
		str("Image", "image", "URL/path of the plan image"),
		str("Redirect", "redirect", "URL to redirect users to after certain actions"),
		num("Price", "price", "Plan price"),
		str("Password", "password", "Password protection for the plan"),
		str("Slug", "slug", "URL-friendly identifier"),
		num("Access Days", "access_days", "Days of access granted"),
		flag("FAQ Active", "faq_active", "FAQ section enabled"),
		flag("FAQ Base Questions", "faq_base_questions", "Include base FAQ questions"),
		num("Client Limit Count", "client_limit_count", "Maximum number of clients"),
	}
	createPlan := []Field{
		required(str("Name", "name", "Subscription name")),
		str("Description", "description", "Text description"),
		{Display: "Interval", Name: "interval", Type: "options", In: "body", Options: []string{"Days", "Weeks", "Months", "Years"}, Desc: "Billing interval unit"},
		{Display: "Frequency", Name: "frequency", Type: "number", In: "body", Default: 1, Desc: "Number of interval units per billing cycle (e.g. every 2 weeks)"},
		num("Max Cycles", "max_cycles", "Maximum billing cycles; 0 = unlimited"),
		num("Max Commission Cycles", "max_commission_cycles", "Maximum number of commission cycles"),
	}
	subOps := crud("subscription plan", "/subscriptions/", nil, planID("ID of the subscription plan"), planBody, "List", "Get", "Create", "Update", "Partial Update", "Delete")
	subOps = documented(subOps, "Create", both, createPlan)
	subOps = documented(subOps, "Update", both, append([]Field{planID("ID of the subscription plan to update")}, optional(planBody)...))
	product := func(verb, desc string) Operation {
		method := "POST"
		if verb == "Remove" {
			method = "DELETE"
		}
		return Operation{Name: verb + " Product", Method: method, Path: "/subscriptions/{subscriptionPlanId}/products/{productId}/", Action: verb + " a product", Desc: desc, Documented: both,
			Fields: []Field{planID("ID of the subscription plan to " + map[string]string{"Add": "add the product to", "Remove": "remove the product from"}[verb]), idField("Product ID", "productId", "ID of the product to "+map[string]string{"Add": "add", "Remove": "remove"}[verb])}}
	}
	subOps = append(subOps, product("Add", "Add a product to a subscription plan"), product("Remove", "Remove a product from a subscription plan"))

	teamBody := []Field{
		required(str("Name", "name", "Team name")),
		str("Description", "description", "Team description"),
		flag("Integration Permission", "integration_permission", "Members may manage integrations"),
		flag("Team Permission", "team_permission", "Members may manage the team"),
		flag("GuruPay Permission", "gurupay_permission", "Members may access GuruPay/MindzPay"),
	}
	teamOps := crud("team", "/teams/", nil, idField("Team ID", "teamId", "ID of the team"), teamBody, "List", "Get", "Create", "Update", "Partial Update", "Delete")
	teamOps = documented(teamOps, "Create", solyd, nil)
	teamOps = documented(teamOps, "Partial Update", solyd, nil)
	teamOps = documented(teamOps, "Update", dev2, nil)

	userID := idField("User ID", "userId", "The unique identifier of the user")
	userBody := []Field{
		required(str("Email", "email", "E-mail address")),
		str("First Name", "first_name", "First name"),
		str("Last Name", "last_name", "Last name"),
		str("Username", "username", "Login name"),
		flag("Is Active", "is_active", "The user can log in"),
	}
	userOps := crud("user", "/users/", nil, userID, userBody, "List", "Get", "Create", "Update", "Partial Update", "Delete")
	userOps = documented(userOps, "Create", dev2, nil)
	userOps = documented(userOps, "Partial Update", solyd, nil)
	userOps = renameOp(userOps, "Partial Update", "Update")
	userOps = renameOp(userOps, "Update", "Replace")
	userOps = append(userOps, Operation{Name: "Change Password", Method: "POST", Path: "/users/{userId}/change-password/", Action: "Change a user's password", Desc: "Update a user's password", Documented: solyd,
		Fields: []Field{
			idField("User ID", "userId", "The unique identifier of the user whose password will be changed"),
			{Display: "Password", Name: "password", Type: "string", In: "body", Required: true, Default: "", Desc: "The new password to set for the specified user"},
		}})

	enrollBody := []Field{
		num("User ID", "user_id", "ID of the enrolled user"),
		num("Course ID", "course_id", "ID of the course"),
		{Display: "Expiry Date", Name: "expiry_date", Type: "dateTime", In: "body", Desc: "Expiry date/time of the enrollment"},
		num("Payment ID", "payment_id", "Numeric ID of the payment linked to the enrollment"),
	}
	enrollOps := crud("enrollment", "/enrolls/", nil, idField("Enroll ID", "enrollId", "ID of the enrollment record"), enrollBody, "List", "Get", "Create", "Update", "Partial Update", "Delete")
	enrollOps = documented(enrollOps, "Partial Update", solyd, []Field{idField("Enroll ID", "enrollId", "ID of the enrollment record to update"), optional(enrollBody)[2], optional(enrollBody)[3]})
	enrollOps = renameOp(enrollOps, "Partial Update", "Update")
	enrollOps = renameOp(enrollOps, "Update", "Replace")

	courseID := idField("Course ID", "courseId", "ID of the course")
	teacherBody := []Field{
		flag("Teacher Visualization", "teacher_visualization", "Teacher can view the course content"),
		flag("Tutor", "tutor", "Teacher has the tutor role"),
		flag("Grader", "grader", "Teacher is a grader"),
		flag("Profile Viewer", "profile_viewer", "May view student profiles"),
		flag("News", "news", "May manage course news"),
		flag("Financial", "financial", "Access to course financial info"),
		flag("Community Notification", "community_notification", "Receives community notifications"),
	}
	teacherOps := crud("course teacher", "/courses/{courseId}/teachers/", []Field{courseID}, idField("Teacher ID", "teacherId", "ID of the teacher"),
		teacherBody, "List", "Get", "Create", "Update", "Partial Update", "Delete")
	teacherOps = documented(teacherOps, "Partial Update", dev2, append([]Field{courseID, idField("Teacher ID", "teacherId", "ID of the teacher being updated")}, teacherBody...))
	teacherOps = renameOp(teacherOps, "Partial Update", "Update")
	teacherOps = renameOp(teacherOps, "Update", "Replace")

	emailListID := idField("Email List ID", "emailListId", "ID of the email list")
	emailOps := crud("email", "/email-lists/{emailListId}/emails/", []Field{emailListID}, idField("Email ID", "emailId", "ID of the email entry"),
		[]Field{required(str("Email", "email", "E-mail address")), str("First Name", "first_name", "First name"), str("Last Name", "last_name", "Last name")},
		"List", "Get", "Create", "Update", "Partial Update", "Delete")
	emailOps = documented(emailOps, "List", solyd, append([]Field{idField("Email List ID", "emailListId", "ID of the email list whose emails are listed")}, listFields("Created At", "ID", "Email", "Updated At")...))

	excludedListOps := link("email list", "excluded-lists", "Email List ID", "email_list_id")
	excludedListOps = documented(excludedListOps, "List", dev2, append([]Field{idField("Email Campaign ID", "emailCampaignId", "ID of the email campaign whose excluded lists are listed")}, listFields()...))

	named := func(noun string) []Field {
		return []Field{required(str("Name", "name", "Name of the "+noun)), str("Description", "description", "Description of the "+noun)}
	}
	all := []string{"List", "Get", "Create", "Update", "Partial Update", "Delete"}
	return []Resource{
		{Name: "Course", Ops: crud("course", "/courses/", nil, courseID, append(named("course"), num("Price", "price", "Course price"), str("Slug", "slug", "URL-friendly identifier")), all...)},
		{Name: "Bundle", Ops: crud("bundle", "/bundles/", nil, idField("Bundle ID", "bundleId", "ID of the bundle"), append(named("bundle"), num("Price", "price", "Bundle price")), all...)},
		{Name: "Course Grade", Ops: crud("course grade", "/courses/{courseId}/grades/", []Field{courseID}, idField("Grade ID", "gradeId", "ID of the grade"),
			[]Field{required(str("Name", "name", "Name of the grade")), num("Weight", "weight", "Weight of the grade in the final score")}, all...)},
		{Name: "Course Grade Detail", Ops: crud("course grade detail", "/courses/{courseId}/grades/{gradeId}/details/", []Field{courseID, idField("Grade ID", "gradeId", "ID of the grade")},
			idField("Grade Detail ID", "gradeDetailId", "ID of the grade detail"),
			[]Field{required(num("User ID", "user_id", "ID of the student")), num("Score", "score", "Score obtained")}, all...)},
		{Name: "Course Teacher", Ops: teacherOps},
		{Name: "Email", Ops: emailOps},
		{Name: "Email Campaign", Ops: crud("email campaign", "/email-campaigns/", nil, idField("Email Campaign ID", "emailCampaignId", "ID of the email campaign"),
			append(named("email campaign"), str("Subject", "subject", "E-mail subject"), str("Body", "body", "E-mail body (HTML)")), all...)},
		{Name: "Email Campaign Course", Ops: link("course", "courses", "Course ID", "course_id")},
		{Name: "Email Campaign Excluded Course", Ops: link("course", "excluded-courses", "Course ID", "course_id")},
		{Name: "Email Campaign Excluded List", Ops: excludedListOps},
		{Name: "Email Campaign Excluded Plan", Ops: link("subscription plan", "excluded-plans", "Subscription Plan ID", "plan_id")},
		{Name: "Email Campaign List", Ops: link("email list", "lists", "Email List ID", "email_list_id")},
		{Name: "Email Campaign Plan", Ops: link("subscription plan", "plans", "Subscription Plan ID", "plan_id")},
		{Name: "Email List", Ops: crud("email list", "/email-lists/", nil, emailListID, append(named("email list"), str("Code", "code", "Short code of the list (max 15)")), all...)},
		{Name: "Enroll", Ops: enrollOps},
		{Name: "MindzPay Account", Ops: crud("account", "/mindzpay/accounts/", nil, idField("Account ID", "accountId", "ID of the MindzPay account"), nil, "List", "Get")},
		{Name: "MindzPay Invoice", Ops: invoiceOps},
		{Name: "MindzPay Payment", Ops: paymentOps},
		{Name: "MindzPay Subscription", Ops: mpSubOps},
		{Name: "Subscription", Ops: subOps},
		{Name: "Team", Ops: teamOps},
		{Name: "User", Ops: userOps},
	}
}

// renameOp renames operation from to to (the docs call the PATCH
// operation of some resources "Update").
func renameOp(ops []Operation, from, to string) []Operation {
	for i := range ops {
		if ops[i].Name == from {
			ops[i].Name = to
			return ops
		}
	}
	panic("catalogue: no operation " + from)
}
