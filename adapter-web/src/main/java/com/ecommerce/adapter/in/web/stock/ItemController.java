package com.ecommerce.adapter.in.web.stock;

import com.ecommerce.adapter.in.web.openapi.OpenApiConfiguration;
import com.ecommerce.adapter.in.web.openapi.ProblemCodes;
import com.ecommerce.adapter.in.web.security.Access;
import com.ecommerce.adapter.in.web.security.CallableBy;
import com.ecommerce.adapter.in.web.shared.Locations;
import com.ecommerce.adapter.in.web.shared.PageResponse;
import com.ecommerce.adapter.in.web.shared.Paging;
import com.ecommerce.application.paging.PageQuery;
import com.ecommerce.application.stock.port.in.GetItemUseCase;
import com.ecommerce.application.stock.port.in.ItemView;
import com.ecommerce.application.stock.port.in.ListItemsUseCase;
import com.ecommerce.application.stock.port.in.RegisterItemCommand;
import com.ecommerce.application.stock.port.in.RegisterItemUseCase;
import com.ecommerce.application.stock.port.in.RestockItemCommand;
import com.ecommerce.application.stock.port.in.RestockItemUseCase;
import com.ecommerce.application.stock.port.in.StockLevel;
import com.ecommerce.domain.shared.ErrorCode;
import com.ecommerce.domain.user.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = OpenApiConfiguration.ITEMS)
@RequestMapping(path = "/api/v1/items", produces = MediaType.APPLICATION_JSON_VALUE)
class ItemController {

    private final RegisterItemUseCase registerItem;
    private final GetItemUseCase getItem;
    private final ListItemsUseCase listItems;
    private final RestockItemUseCase restockItem;

    ItemController(RegisterItemUseCase registerItem, GetItemUseCase getItem, ListItemsUseCase listItems,
                   RestockItemUseCase restockItem) {
        this.registerItem = registerItem;
        this.getItem = getItem;
        this.listItems = listItems;
        this.restockItem = restockItem;
    }

    @Operation(operationId = "registerItem", summary = "Create an item with its price and stock")
    @ProblemCodes({ErrorCode.COMMIT_OUTCOME_UNKNOWN})
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @CallableBy(Access.ADMIN)
    public ResponseEntity<ItemResponse> register(Actor actor, @Valid @RequestBody RegisterItemRequest request) {
        ItemView item = registerItem.register(actor,
                new RegisterItemCommand(request.name(), request.price(), request.stock()));
        return ResponseEntity.created(Locations.of("/api/v1/items/{id}", item.itemId())).body(ItemResponse.of(item));
    }

    @Operation(operationId = "getItem", summary = "Read an item")
    @ProblemCodes({ErrorCode.ITEM_NOT_FOUND})
    @GetMapping("/{itemId}")
    @CallableBy(Access.ANYONE)
    public ItemResponse get(@PathVariable long itemId) {
        return ItemResponse.of(getItem.getItem(itemId));
    }

    @Operation(operationId = "listItems", summary = "List the catalogue")
    @GetMapping
    @CallableBy(Access.ANYONE)
    public PageResponse<ItemResponse> list(@RequestParam(defaultValue = Paging.PAGE_DEFAULT) int page,
                                           @RequestParam(defaultValue = Paging.SIZE_DEFAULT) int size) {
        return PageResponse.of(listItems.listItems(new PageQuery(page, size)), ItemResponse::of);
    }

    @Operation(operationId = "restockItem", summary = "Add to an item's stock")
    @ProblemCodes({ErrorCode.ITEM_NOT_FOUND, ErrorCode.STOCK_LIMIT_EXCEEDED, ErrorCode.CONCURRENT_UPDATE,
            ErrorCode.LOCK_TIMEOUT, ErrorCode.LOCK_UNAVAILABLE,
            ErrorCode.COMMIT_OUTCOME_UNKNOWN})
    @PostMapping(path = "/{itemId}/stock/restock", consumes = MediaType.APPLICATION_JSON_VALUE)
    @CallableBy(Access.ADMIN)
    public StockResponse restock(Actor actor, @PathVariable long itemId,
                                 @Valid @RequestBody RestockRequest request) {
        StockLevel level = restockItem.restock(actor, new RestockItemCommand(itemId, request.quantity()));
        return new StockResponse(level.itemId(), level.stock());
    }
}
