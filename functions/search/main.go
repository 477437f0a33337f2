// Command search is the search function of pkportal for AWS Lambda (as
// Netlify deploys it): it answers /api/search over the reports embedded at
// build time.
package main

import (
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"pkportal/functions/lambdahttp"
	"pkportal/functions/reportdata"
	"pkportal/functions/search/searchapi"
	"pkportal/search"
)

func main() {
	rs, err := reportdata.Load()
	if err != nil {
		log.Fatal(err)
	}
	h := searchapi.New(map[string]*search.Index{
		"fr": search.FromReports(rs, "fr"),
		"en": search.FromReports(rs, "en"),
	})
	lambda.Start(lambdahttp.Handler(h))
}
